import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimiter } from './rate-limiter.js';

/** The one Redis command the shared limiter needs (ioredis's `eval` has this shape). */
export interface RedisScripting {
  eval(script: string, numberOfKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

export interface SharedRateLimiterOptions {
  redis: RedisScripting;
  /** Prefix of the limiter's keys (one per limit), e.g. the queue prefix. */
  keyPrefix: string;
  rpm?: number | undefined;
  tpm?: number | undefined;
  /** As in createRateLimiter. @default 250 */
  burstMs?: number;
}

/**
 * The GCRA of createRateLimiter with its schedule in Redis, so every process sharing the keys
 * shares one limit (workers on several machines). One script call per request reserves a slot
 * on every limit atomically, on Redis's clock, and returns how long to wait for it.
 */
const RESERVE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local burst = tonumber(ARGV[1])
local startAt = now
for index, key in ipairs(KEYS) do
  local freeAt = tonumber(redis.call('GET', key) or '0')
  if freeAt - burst > startAt then startAt = freeAt - burst end
end
for index, key in ipairs(KEYS) do
  local freeAt = tonumber(redis.call('GET', key) or '0')
  if freeAt < startAt then freeAt = startAt end
  freeAt = freeAt + tonumber(ARGV[index + 1])
  redis.call('SET', key, string.format('%.3f', freeAt), 'PX', math.ceil(freeAt - now) + 60000)
end
return string.format('%.3f', startAt - now)
`;

export interface SharedRateLimiter extends RateLimiter {
  /** Reserves the next slot for a request of `tokens` and returns how long to wait for it, in ms. */
  reserve(tokens: number): Promise<number>;
}

/**
 * A limiter that every process using the same Redis and `keyPrefix` shares: `paperbrief worker`s
 * on any number of machines keep together to `--rpm` / `--tpm` (bench B8: per-process limiters
 * let two workers send twice the rate, 30 % of calls answered 429).
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const limits: Array<{ key: string; msFor: (tokens: number) => number }> = [];
  if (options.rpm !== undefined) {
    const rpm = options.rpm;
    limits.push({ key: `${options.keyPrefix}:llm-rate:rpm`, msFor: () => 60_000 / rpm });
  }
  if (options.tpm !== undefined) {
    const tpm = options.tpm;
    limits.push({
      key: `${options.keyPrefix}:llm-rate:tpm`,
      msFor: (tokens) => (Math.min(tokens, tpm) * 60_000) / tpm,
    });
  }
  const burstMs = options.burstMs ?? 250;
  const reserve = async (tokens: number): Promise<number> => {
    if (limits.length === 0) return 0;
    return Number(
      await options.redis.eval(
        RESERVE,
        limits.length,
        ...limits.map((limit) => limit.key),
        burstMs,
        ...limits.map((limit) => limit.msFor(tokens)),
      ),
    );
  };
  return {
    reserve,
    async acquire(tokens, signal) {
      const waitMs = await reserve(tokens);
      if (waitMs > 0) await delay(waitMs, undefined, signal ? { signal } : {});
    },
  };
}
