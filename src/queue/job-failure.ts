import { UnrecoverableError, type BackoffStrategy } from 'bullmq';
import { backoffDelayMs, type BackoffOptions } from '../backoff.js';
import { describeError, isRetryable, ProviderError } from '../errors.js';

/**
 * How a processor's error reaches BullMQ, the one retry owner in queued mode:
 * retryable errors are thrown as they are (BullMQ retries them after `queueBackoffStrategy`);
 * everything else becomes an UnrecoverableError carrying the reason, so the job fails at once
 * and `paperbrief jobs failed` shows why.
 */
export function toJobError(error: unknown): Error {
  if (isRetryable(error)) return error as Error;
  return new UnrecoverableError(describeError(error));
}

/**
 * A provider's "too many requests" that waiting can cure (429 without `insufficient_quota`,
 * which the provider marks not retryable). The whole queue pauses for it, not just this job.
 */
export function isRateLimit(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.status === 429 && error.retryable;
}

/**
 * The custom backoff strategy registered on every worker (`settings.backoffStrategy`), used by
 * jobs added with `backoff: { type: BACKOFF_TYPE }`. Delegates to `backoffDelayMs`, so a
 * server-given `retryAfterMs` wins over exponential backoff with jitter.
 */
export function queueBackoffStrategy(options: BackoffOptions = {}): BackoffStrategy {
  return (attemptsMade, _type, error) => backoffDelayMs(attemptsMade, error, options);
}
