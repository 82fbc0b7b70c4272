import { PaperbriefError, ProviderError, StoreError } from './errors.js';

/**
 * A failure that is not about one paper: every other paper would fail the same way (and, for the
 * provider, each try may be paid). Local runs stop on it; workers pause their intake.
 * - `provider_config`: the LLM server refused the key (401, 403), the model (404) or the account
 *   (`insufficient_quota`). Fixed by changing configuration: exit code 2.
 * - `provider_unreachable`: the LLM server cannot be reached; systemic only after
 *   `maxConnectionFailures` in a row (one refused connection may be a blip). Exit code 1.
 * - `store_unwritable`: the store cannot take writes (disk full, read-only, I/O error): every
 *   brief made now would be paid for and lost. Exit code 1.
 */
export type SystemicKind = 'provider_config' | 'provider_unreachable' | 'store_unwritable';

export interface SystemicFailure {
  kind: SystemicKind;
  /** One line for the operator, naming what to fix (the variable, the disk). */
  message: string;
}

const PROVIDER_CONFIG: Readonly<Record<string, string>> = {
  unauthorized: 'the LLM server refused the API key (401): check OPENAI_API_KEY',
  forbidden: 'the LLM server forbids this API key (403): check OPENAI_API_KEY and its permissions',
  not_found:
    'the LLM server does not know the model or path (404): check PAPERBRIEF_MODEL and OPENAI_BASE_URL',
  insufficient_quota:
    'the LLM account has no credit left (insufficient_quota): add credit or change OPENAI_API_KEY',
};

/** True for a provider error that says the server could not be reached at all. */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof ProviderError && error.code === 'connection_failed';
}

/**
 * The systemic failure `error` stands for, or undefined for a failure of one paper. Connection
 * failures are not classified here: only a run of them is systemic (see `connectionFailureStop`).
 */
export function systemicFailureOf(error: unknown): SystemicFailure | undefined {
  if (error instanceof ProviderError) {
    const message = PROVIDER_CONFIG[error.code];
    return message === undefined ? undefined : { kind: 'provider_config', message };
  }
  if (error instanceof StoreError && error.code === 'store_unwritable') {
    return {
      kind: 'store_unwritable',
      message: `the store cannot take writes (${error.message}): free disk space or fix its permissions (PAPERBRIEF_DB / DATABASE_URL)`,
    };
  }
  return undefined;
}

/** The failure to stop on after `count` connection failures in a row. */
export function connectionFailureStop(count: number, error: unknown): SystemicFailure {
  const reason = error instanceof PaperbriefError ? error.message : String(error);
  return {
    kind: 'provider_unreachable',
    message: `${count} LLM calls in a row could not connect (${reason}): check that the server at OPENAI_BASE_URL is up`,
  };
}
