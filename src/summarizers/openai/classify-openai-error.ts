import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { PaperbriefError, ProviderError } from '../../errors.js';

/**
 * Turns whatever the openai SDK threw into a ProviderError that says whether to retry, once, at
 * the edge. Retryable: 408, 409, 429 (except `insufficient_quota`), 5xx, timeouts and connection
 * failures; everything else is not (400, 401, 403, 404, 422, unknown errors: fail loudly).
 * A server's `x-should-retry` header wins, as in the SDK's own retry logic.
 */
export function classifyOpenAiError(error: unknown): PaperbriefError {
  if (error instanceof PaperbriefError) return error;
  // Timeouts and connection errors subclass APIError without a status: check them first.
  if (error instanceof APIUserAbortError) {
    return new ProviderError('aborted', 'LLM call aborted', { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError('timeout', `LLM call timed out: ${error.message}`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
    return new ProviderError('connection_failed', `cannot reach the LLM server: ${reason}`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number')
    return classifyStatus(error, error.status);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('provider_error', `LLM call failed: ${message}`, { cause: error });
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'conflict',
  422: 'unprocessable',
  429: 'rate_limited',
};

function classifyStatus(error: APIError, status: number): ProviderError {
  const options = { status, requestId: error.requestID ?? undefined, cause: error };
  // The SDK message starts with the status: "429 Rate limit reached".
  const message = `LLM server answered ${error.message}`;
  if (status === 429 && apiErrorCode(error) === 'insufficient_quota') {
    // Out of credit: waiting does not help, and a retry loop would only hammer the API.
    return new ProviderError('insufficient_quota', message, options);
  }
  const shouldRetry = error.headers?.get('x-should-retry');
  const retryable =
    shouldRetry === 'true' ||
    (shouldRetry !== 'false' && (status === 408 || status === 409 || status === 429 || status >= 500));
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'client_error');
  return new ProviderError(code, message, {
    ...options,
    retryable,
    retryAfterMs: retryable && error.headers ? retryAfterMs(error.headers) : undefined,
  });
}

/** The error body's `code` (`insufficient_quota`), wherever the server put it. */
function apiErrorCode(error: APIError): string | undefined {
  if (error.code) return error.code;
  const body = error.error as { code?: unknown; error?: { code?: unknown } } | undefined;
  const code = body?.code ?? body?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `retry-after`
 * (seconds or an HTTP date), else the later of OpenAI's `x-ratelimit-reset-requests` /
 * `x-ratelimit-reset-tokens` (durations such as `1s`, `6m0s`, `20ms`).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;

  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number.parseFloat(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }

  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']
    .map((name) => parseDurationMs(headers.get(name)))
    .filter((value): value is number => value !== undefined);
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `1h2m3.5s`, `6m0s`, `20ms` → milliseconds; undefined for anything else. */
export function parseDurationMs(text: string | null | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number.parseFloat(match[1] as string) * (UNIT_MS[match[2] as string] as number);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? total : undefined;
}
