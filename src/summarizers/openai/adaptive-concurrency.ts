import type { Logger } from 'pino';
import { ProviderError } from '../../errors.js';

export interface AdaptiveConcurrencyOptions {
  /** Calls at once at most, and at the start. */
  max: number;
  /** The client's timeout of one call, in milliseconds: latency is judged against it. */
  timeoutMs: number;
  logger: Logger;
  /** Clock in milliseconds. @default performance.now */
  now?: () => number;
}

export interface AdaptiveConcurrency {
  /** Runs `call` once a slot is free; a timed-out call shrinks the number of slots. */
  run<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Slots allowed now. */
  readonly limit: number;
}

/** Predicted latency (with one more call at once) must stay under this share of the timeout. */
const HEADROOM = 0.75;

/**
 * AIMD concurrency for LLM calls, so a slow server is not buried under timed-out requests.
 * A server with few slots (llama.cpp on a CPU) queues what it cannot compute yet and keeps
 * computing requests whose client gave up: with four calls at once, each waits for the ones
 * before it, times out, is retried, and the retries queue behind the abandoned work.
 *
 * - A timeout halves the limit (multiplicative decrease, to 1 at least) and keeps the timed-out
 *   call's slot taken for as long as a call has been taking, since the server is still busy with it.
 * - A success raises the limit by 1/limit (additive increase, up to `max`), but only while the
 *   latency one more call at once would cause (queueing makes it grow with the calls in flight)
 *   stays well under the timeout.
 *
 * Retries stay with the run's one retry owner; this only decides how many calls are in flight.
 */
export function createAdaptiveConcurrency(options: AdaptiveConcurrencyOptions): AdaptiveConcurrency {
  const now = options.now ?? (() => performance.now());
  const max = Math.max(1, options.max);
  let limit = max;
  let taken = 0;
  /** Mean latency of successful calls (EWMA), in milliseconds; the timeout until one succeeds. */
  let latencyMs: number | undefined;
  const waiting: Array<() => void> = [];

  const wakeNext = (): void => {
    while (taken < Math.floor(limit) && waiting.length > 0) {
      taken++;
      waiting.shift()!();
    }
  };
  const release = (): void => {
    taken--;
    wakeNext();
  };
  const acquire = (signal: AbortSignal | undefined): Promise<void> => {
    if (taken < Math.floor(limit) && waiting.length === 0) {
      taken++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = waiting.indexOf(grant);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  return {
    get limit() {
      return Math.floor(limit);
    },
    async run(call, signal) {
      await acquire(signal);
      const startedAt = now();
      const inFlight = taken;
      try {
        const result = await call();
        const took = now() - startedAt;
        latencyMs = latencyMs === undefined ? took : latencyMs * 0.7 + took * 0.3;
        const predicted = (took * (inFlight + 1)) / Math.max(1, inFlight);
        if (limit < max && predicted < options.timeoutMs * HEADROOM) limit = Math.min(max, limit + 1 / limit);
        release();
        return result;
      } catch (error) {
        if (!(error instanceof ProviderError && error.code === 'timeout')) {
          release();
          throw error;
        }
        const before = Math.floor(limit);
        limit = Math.max(1, limit / 2);
        if (Math.floor(limit) < before) {
          options.logger.warn(
            { concurrency: Math.floor(limit) },
            `LLM calls time out: ${Math.floor(limit)} call(s) at once from now on`,
          );
        }
        // The server is still computing the abandoned request: its slot stays taken a while.
        const holdMs = Math.min(latencyMs ?? options.timeoutMs, options.timeoutMs);
        // Not unref'd: calls waiting for this slot have nothing else keeping the process alive.
        setTimeout(release, holdMs);
        throw error;
      }
    },
  };
}
