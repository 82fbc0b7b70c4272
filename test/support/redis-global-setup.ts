import type { TestProject } from 'vitest/node';
import { resolveTestRedis } from './redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis the queue tests use, or undefined when there is none (see `redisUnavailable`). */
    redisUrl: string | undefined;
    redisUnavailable: string | undefined;
  }
}

/**
 * vitest global setup: finds (or starts) the Redis of this run once, hands its URL to the tests
 * through `inject('redisUrl')`, and stops a server it started. With CI=true a missing Redis fails
 * the run; otherwise the queue tests are skipped with the reason.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await resolveTestRedis();
  if (redis.url === undefined) {
    if (process.env.CI === 'true') throw new Error(`the queue tests need Redis: ${redis.reason}`);
    console.warn(`[redis] queue tests will be skipped: ${redis.reason}`);
  } else if (redis.origin === 'own server') {
    console.warn(`[redis] started redis-server for this run at ${redis.url}`);
  }
  project.provide('redisUrl', redis.url);
  project.provide('redisUnavailable', redis.url === undefined ? redis.reason : undefined);
  return async () => {
    if (redis.url !== undefined) await redis.server?.dispose();
  };
}
