import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { PaperbriefError, ProviderError } from '../../errors.js';
import { retryAfterMs } from '../../retry-after.js';

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
    return new ProviderError('timeout', `LLM call timed out (PAPERBRIEF_LLM_TIMEOUT_MS): ${error.message}`, {
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
    return new ProviderError(
      'connection_failed',
      `cannot reach the LLM server (OPENAI_BASE_URL, or AZURE_OPENAI_ENDPOINT for azure): ${reason}`,
      {
        retryable: true,
        cause: error,
      },
    );
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
