import { UnrecoverableError, type BackoffStrategy } from 'bullmq';
import { backoffDelayMs, type BackoffOptions } from '../backoff.js';
import { describeError, isRetryable, PaperbriefError, ProviderError } from '../errors.js';

/**
 * How a processor's error reaches BullMQ, the one retry owner in queued mode: a retryable
 * PaperbriefError is thrown again for the backoff (which reads its `retryAfterMs`); everything
 * else becomes an UnrecoverableError, so the job fails at once. Either way the message is
 * `code: message`, which BullMQ keeps as the job's failed reason for `paperbrief jobs failed`.
 */
export function toJobError(error: unknown): Error {
  if (isRetryable(error)) {
    const retryable = error as PaperbriefError;
    return new PaperbriefError(retryable.code, describeError(retryable), {
      retryable: true,
      retryAfterMs: retryable.retryAfterMs,
      cause: retryable,
    });
  }
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
