import { isRetryable, PaperbriefError } from './errors.js';

export interface BackoffOptions {
  /** First delay, in milliseconds. @default 1000 */
  baseMs?: number;
  /** Upper bound of any computed delay, in milliseconds. @default 60000 */
  maxMs?: number;
  /** Random source in [0, 1), injectable for tests. @default Math.random */
  random?: () => number;
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1).
 * A server-given wait (`retryAfterMs`) wins; otherwise exponential backoff with full jitter
 * between half and the whole of `baseMs * 2^(attempt-1)`, capped at `maxMs`.
 */
export function backoffDelayMs(attempt: number, error: unknown, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 60_000;
  const random = options.random ?? Math.random;
  if (error instanceof PaperbriefError && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), maxMs);
  }
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions extends BackoffOptions {
  /** Total attempts including the first, not counting rate-limited ones. @default 5 */
  attempts?: number;
  /**
   * Extra tries allowed for `rate_limited` errors (429), which say "later", not "broken": they do
   * not use up `attempts`, as in queued mode (BullMQ's rateLimit + maxStartedAttempts). @default 20
   */
  rateLimitAttempts?: number;
  /** Called before each wait; for logs and counters. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
  /** Injectable sleep for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function isRateLimited(error: unknown): boolean {
  return error instanceof PaperbriefError && error.code === 'rate_limited';
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Runs `operation`, retrying retryable errors. This is the local mode's single retry owner;
 * in queued mode BullMQ's `attempts` + backoff strategy take this role and call `backoffDelayMs`.
 * @throws the last error when attempts run out or the error is not retryable.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const rateLimitAttempts = options.rateLimitAttempts ?? 20;
  const sleep = options.sleep ?? defaultSleep;
  let failures = 0;
  let rateLimited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (isRateLimited(error)) rateLimited++;
      else failures++;
      if (failures >= attempts || rateLimited > rateLimitAttempts) throw error;
      const delayMs = backoffDelayMs(isRateLimited(error) ? rateLimited : failures, error, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
