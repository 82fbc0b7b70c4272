import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * `worker`: blocking commands must wait through reconnects, so `maxRetriesPerRequest: null`
 * (BullMQ requires it). `producer`: fail fast instead of queueing commands in memory while Redis
 * is down (`enableOfflineQueue: false`), so an HTTP request or `enqueue` answers with an error.
 */
export type RedisRole = 'worker' | 'producer';

/** Opens an ioredis connection with the options BullMQ documents for the role. */
export function createRedisConnection(url: string, role: RedisRole): Redis {
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
}

/** Resolves once the connection is ready (needed before the first command of a producer). */
export async function connectionReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      redis.off('ready', onReady);
      reject(error);
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/**
 * Redis's `maxmemory-policy`, read from INFO (works where CONFIG is disabled, as on managed Redis).
 * Returns undefined when the server does not report it.
 */
export async function maxmemoryPolicy(redis: Redis): Promise<string | undefined> {
  const info = await redis.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
}

/**
 * Warns when Redis may evict keys: any policy but `noeviction` can silently drop queued jobs
 * and their locks under memory pressure. Returns the policy found.
 */
export async function warnUnlessNoeviction(redis: Redis, logger: Logger): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    policy = await maxmemoryPolicy(redis);
  } catch (error) {
    // Some hosted Redis refuse INFO; not knowing is worth a line, not a failed start.
    logger.warn(
      { reason: (error as Error).message },
      'could not read Redis maxmemory-policy (it must be noeviction)',
    );
    return undefined;
  }
  if (policy !== undefined && policy !== 'noeviction') {
    logger.warn(
      { maxmemoryPolicy: policy },
      `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis may delete ` +
        'queued jobs and their locks. Set `maxmemory-policy noeviction` in redis.conf.',
    );
  }
  return policy;
}
