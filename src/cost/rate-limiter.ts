import { setTimeout as delay } from 'node:timers/promises';

/**
 * Client-side request and token rate limits (`--rpm`, `--tpm`), so a run stays under the
 * provider's limits instead of learning them from 429s.
 *
 * Each limit is a GCRA (generic cell rate algorithm, a leaky bucket kept as one timestamp): a
 * unit costs `60000 / limit` ms of the minute, and a call may start once the limit's schedule,
 * minus a small burst allowance, has caught up with now. Reservations are taken synchronously in
 * call order, so waiting callers start first-come first-served without a queue.
 */
export interface RateLimiter {
  /**
   * Waits until one request of `tokens` tokens fits both limits, and reserves it.
   * @throws the signal's reason when aborted while waiting.
   */
  acquire(tokens: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterOptions {
  /** Requests per minute; unlimited when absent. */
  rpm?: number | undefined;
  /** Tokens per minute (prompt estimate plus max completion tokens, as OpenAI counts them). */
  tpm?: number | undefined;
  /**
   * How far ahead of the even schedule calls may start, in milliseconds. Kept well under the
   * provider's own tolerance, so network jitter does not turn a call on schedule into a 429
   * (bench B8). @default 250
   */
  burstMs?: number;
  /** Clock in milliseconds, injectable for tests. @default Date.now */
  now?: () => number;
  /** Injectable sleep for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, signal ? { signal } : {});

interface Schedule {
  /** Milliseconds of the minute one unit uses. */
  readonly msPerUnit: number;
  /** When the schedule is next free (the GCRA "theoretical arrival time"). */
  freeAt: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const burstMs = options.burstMs ?? 250;
  const limits: Array<{ schedule: Schedule; units: (tokens: number) => number }> = [];
  if (options.rpm !== undefined) {
    limits.push({ schedule: { msPerUnit: 60_000 / options.rpm, freeAt: 0 }, units: () => 1 });
  }
  if (options.tpm !== undefined) {
    const tpm = options.tpm;
    // A request larger than the whole minute's allowance can still run, on its own.
    limits.push({
      schedule: { msPerUnit: 60_000 / tpm, freeAt: 0 },
      units: (tokens) => Math.min(tokens, tpm),
    });
  }

  return {
    async acquire(tokens, signal) {
      if (limits.length === 0) return;
      const current = now();
      const startAt = Math.max(current, ...limits.map(({ schedule }) => schedule.freeAt - burstMs));
      for (const { schedule, units } of limits) {
        schedule.freeAt = Math.max(schedule.freeAt, startAt) + units(tokens) * schedule.msPerUnit;
      }
      if (startAt > current) await sleep(startAt - current, signal);
    },
  };
}
