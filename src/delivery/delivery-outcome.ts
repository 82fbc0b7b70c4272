import { PaperbriefError } from '../errors.js';
import { parseRetryAfter } from '../retry-after.js';
import { RefusedAddressError } from './guarded-lookup.js';

/**
 * What one attempt came to, for the queue to act on:
 * - `delivered`: a 2xx answer; done.
 * - `gone`: 410; disable the endpoint, do not retry.
 * - `retry`: any other status, a timeout or a connection error; try again on the schedule.
 * - `refused`: the URL or the address it resolves to is not allowed (or the secret is unusable);
 *   retrying cannot help until the configuration changes.
 * `reason` is one line for logs and the deliveries log; it never contains the secret.
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; status: number; reason: string; durationMs: number; responseBody: string }
  | { kind: 'gone'; status: 410; reason: string; durationMs: number; responseBody: string }
  | {
      kind: 'retry';
      /** The HTTP status, when the endpoint answered. */
      status?: number;
      /** `timeout`, or the socket error code (`ECONNREFUSED`, `ECONNRESET`, `CERT_HAS_EXPIRED`, …). */
      errorCode?: string;
      /** The endpoint's `Retry-After`, in milliseconds, when it sent one. */
      retryAfterMs?: number;
      responseBody?: string;
      reason: string;
      durationMs: number;
    }
  | { kind: 'refused'; reason: string; durationMs: number };

/** The outcome of an answer with HTTP `status`. */
export function outcomeOfStatus(
  status: number,
  answer: {
    responseBody: string;
    retryAfter: string | undefined;
    location: string | undefined;
    now: Date;
    durationMs: number;
  },
): DeliveryOutcome {
  const { responseBody, durationMs } = answer;
  if (status >= 200 && status < 300)
    return { kind: 'delivered', status, reason: `HTTP ${status}`, durationMs, responseBody };
  if (status === 410)
    return { kind: 'gone', status, reason: 'HTTP 410: the endpoint is gone', durationMs, responseBody };
  const redirect =
    status >= 300 && status < 400
      ? ` (redirects are not followed; Location: ${answer.location ?? 'none'})`
      : '';
  const retryAfterMs =
    parseRetryAfter(answer.retryAfter, answer.now.getTime()) ??
    (status === 429 ? retryAfterFromBody(responseBody) : undefined);
  return {
    kind: 'retry',
    status,
    reason: `HTTP ${status}${redirect}`,
    durationMs,
    responseBody,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** The outcome of a request that got no answer: refused address, timeout or socket error. */
export function outcomeOfError(error: Error, durationMs: number): DeliveryOutcome {
  if (error instanceof RefusedAddressError) return { kind: 'refused', reason: error.message, durationMs };
  // Several addresses tried (happy eyeballs) fail together as an AggregateError.
  const cause = error instanceof AggregateError && error.errors[0] instanceof Error ? error.errors[0] : error;
  const errorCode =
    (cause as NodeJS.ErrnoException).code ?? (cause instanceof PaperbriefError ? cause.code : cause.name);
  return { kind: 'retry', errorCode, reason: `connection failed: ${cause.message || errorCode}`, durationMs };
}

/**
 * Discord answers a 429 with a JSON body whose `retry_after` is in seconds (a float); Slack sends
 * a `Retry-After` header instead, read first. Undefined when the body has no usable value.
 */
export function retryAfterFromBody(responseBody: string): number | undefined {
  try {
    const seconds = (JSON.parse(responseBody) as { retry_after?: unknown }).retry_after;
    return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
      ? Math.ceil(seconds * 1000)
      : undefined;
  } catch {
    return undefined;
  }
}
