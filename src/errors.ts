/**
 * The paperbrief error family. Every error says what happened and whether trying again can help,
 * so the one retry owner (the local runner, or BullMQ in queued mode) never has to guess.
 * Foreign errors (SDK, network, database) are classified once, at the edge, into one of these.
 */

export interface PaperbriefErrorOptions {
  /** Whether the same operation may succeed if tried again later. @default false */
  retryable?: boolean;
  /** When the server said how long to wait (Retry-After and friends), in milliseconds. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class PaperbriefError extends Error {
  override readonly name: string = 'PaperbriefError';
  /** Stable machine-readable code, e.g. `invalid_input`, `rate_limited`. */
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: PaperbriefErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** One input record could not be read. Names the record (`line 12`, `index 3`) and the field. */
export class InvalidRecordError extends PaperbriefError {
  override readonly name = 'InvalidRecordError';
  readonly source: string;
  readonly location: string;
  readonly field: string | undefined;

  constructor(input: { source: string; location: string; field?: string | undefined; reason: string }) {
    const where = `${input.source} ${input.location}`;
    const what = input.field === undefined ? input.reason : `field "${input.field}": ${input.reason}`;
    super('invalid_input', `${where}: ${what}`);
    this.source = input.source;
    this.location = input.location;
    this.field = input.field;
  }
}

/** A whole input (file, body) is unusable: unknown format, not UTF-8, not parseable at all. */
export class InvalidInputError extends PaperbriefError {
  override readonly name = 'InvalidInputError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_input', message, options);
  }
}

/** Configuration (flags, environment, config files) is wrong. Never retryable. */
export class ConfigError extends PaperbriefError {
  override readonly name = 'ConfigError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_config', message, options);
  }
}

/**
 * A call to an LLM provider failed before a usable answer arrived (HTTP status, timeout, reset).
 * `retryable` follows the status: 408, 409, 429, 5xx and connection failures are; 400, 401, 403,
 * 404, 422 and `insufficient_quota` are not.
 */
export class ProviderError extends PaperbriefError {
  override readonly name = 'ProviderError';
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(
    code: string,
    message: string,
    options: PaperbriefErrorOptions & { status?: number | undefined; requestId?: string | undefined } = {},
  ) {
    super(code, message, options);
    this.status = options.status;
    this.requestId = options.requestId;
  }
}

/**
 * The model answered, but the answer cannot become a brief (not JSON, fails the schema after
 * repair, refused, filtered). Keeps the evidence for whoever reads the failure.
 */
export class OutputInvalidError extends PaperbriefError {
  override readonly name = 'OutputInvalidError';
  readonly rawText: string | undefined;
  readonly issues: readonly string[];
  readonly finishReason: string | undefined;
  readonly requestId: string | undefined;

  constructor(
    message: string,
    evidence: {
      rawText?: string | undefined;
      issues?: readonly string[];
      finishReason?: string | undefined;
      requestId?: string | undefined;
      code?: string;
    } = {},
  ) {
    super(evidence.code ?? 'output_invalid', message);
    this.rawText = evidence.rawText;
    this.issues = evidence.issues ?? [];
    this.finishReason = evidence.finishReason;
    this.requestId = evidence.requestId;
  }
}

/** The run's budget (`--max-cost`) is spent; no new LLM calls start. Not retryable in this run. */
export class BudgetExceededError extends PaperbriefError {
  override readonly name = 'BudgetExceededError';
  constructor(message: string) {
    super('budget_exceeded', message);
  }
}

/** A store (SQLite, Postgres) failed. Connection problems are retryable; constraint errors are not. */
export class StoreError extends PaperbriefError {
  override readonly name = 'StoreError';
}

/** True for a PaperbriefError marked retryable. Unknown errors are not retried: fail loudly. */
export function isRetryable(error: unknown): boolean {
  return error instanceof PaperbriefError && error.retryable;
}

/**
 * What a person reading the CLI's output is told: the message alone, without the machine code
 * (`invalid_config: ...`) that logs and `jobs failed` keep.
 */
export function userMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A short, single-line reason for logs, summaries and `jobs failed`. */
export function describeError(error: unknown): string {
  if (error instanceof PaperbriefError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
