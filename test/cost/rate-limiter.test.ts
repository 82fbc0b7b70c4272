import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/cost/rate-limiter.js';

/** A virtual clock: sleeping advances it, so schedules are checked without waiting. */
function virtualClock() {
  let now = 0;
  const starts: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    starts,
  };
}

describe('rate limiter', () => {
  it('spaces requests evenly at the rpm, after a burst of one second', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ rpm: 60, burstMs: 1000, now: clock.now, sleep: clock.sleep });
    for (let index = 0; index < 5; index++) {
      await limiter.acquire(1);
      clock.starts.push(clock.now());
    }
    expect(clock.starts).toEqual([0, 0, 1000, 2000, 3000]);
  });

  it('limits tokens per minute by the estimate of each request', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ tpm: 60_000, burstMs: 0, now: clock.now, sleep: clock.sleep });
    for (const tokens of [2000, 1000, 3000, 10]) {
      await limiter.acquire(tokens);
      clock.starts.push(clock.now());
    }
    // One token costs 1 ms of the minute: each request waits for the previous one's tokens.
    expect(clock.starts).toEqual([0, 2000, 3000, 6000]);
  });

  it('waits for the stricter of rpm and tpm, and lets an oversized request run alone', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({
      rpm: 600,
      tpm: 1000,
      burstMs: 0,
      now: clock.now,
      sleep: clock.sleep,
    });
    await limiter.acquire(5000); // more than a minute's tokens: counted as one whole minute
    await limiter.acquire(10);
    expect(clock.now()).toBe(60_000);
  });

  it('gives concurrent callers their turns in call order', async () => {
    const clock = virtualClock();
    const waits: number[] = [];
    const limiter = createRateLimiter({
      rpm: 60,
      burstMs: 0,
      now: clock.now,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // Three callers at the same instant: the reservations are taken synchronously, in order.
    await Promise.all([limiter.acquire(1), limiter.acquire(1), limiter.acquire(1)]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('does nothing without limits', async () => {
    const limiter = createRateLimiter({ sleep: () => Promise.reject(new Error('must not sleep')) });
    await limiter.acquire(1_000_000);
  });

  it('stops waiting when aborted', async () => {
    const limiter = createRateLimiter({ rpm: 1, burstMs: 0 });
    await limiter.acquire(1);
    const controller = new AbortController();
    const waiting = limiter.acquire(1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow();
  });
});
