import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSharedRateLimiter } from '../../src/cost/shared-rate-limiter.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = testRedisUrl();

describe.skipIf(url === undefined)('shared rate limiter (Redis)', () => {
  const redis = new Redis(url ?? '');
  const prefix = uniquePrefix('limiter');
  afterAll(async () => {
    await deleteKeysWithPrefix(url ?? '', prefix);
    await redis.quit();
  });

  it('two limiters on the same keys share one schedule: slots one interval apart, whoever asks', async () => {
    const first = createSharedRateLimiter({ redis, keyPrefix: `${prefix}-a`, rpm: 60, burstMs: 0 });
    const second = createSharedRateLimiter({ redis, keyPrefix: `${prefix}-a`, rpm: 60, burstMs: 0 });
    const waits = [];
    for (let index = 0; index < 6; index++) waits.push(await (index % 2 === 0 ? first : second).reserve(1));
    // 1 request per second: each reservation waits a second more than the one before (less the
    // few milliseconds Redis's clock moved between the calls).
    waits.forEach((wait, index) => {
      expect(wait).toBeGreaterThan(index * 1000 - 200);
      expect(wait).toBeLessThanOrEqual(index * 1000);
    });
  });

  it('counts tokens per minute by the request size, and keeps other prefixes apart', async () => {
    const limiter = createSharedRateLimiter({ redis, keyPrefix: `${prefix}-b`, tpm: 60_000, burstMs: 0 });
    expect(await limiter.reserve(5_000)).toBeLessThanOrEqual(0);
    const wait = await limiter.reserve(1_000);
    expect(wait).toBeGreaterThan(4_800);
    expect(wait).toBeLessThanOrEqual(5_000);
    const other = createSharedRateLimiter({ redis, keyPrefix: `${prefix}-c`, tpm: 60_000, burstMs: 0 });
    expect(await other.reserve(1_000)).toBeLessThanOrEqual(0);
  });
});
