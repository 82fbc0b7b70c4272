import { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { maxmemoryPolicy } from '../../queue/redis-connection.js';
import { reasonOf, type CheckResult } from './doctor-check.js';
import { maskUrlPassword } from './mask-secret.js';

/** How long doctor waits for Redis to answer, in milliseconds. */
const REDIS_TIMEOUT_MS = 3_000;

/**
 * PING, the server version and `maxmemory-policy` (it must be `noeviction`: any other policy lets
 * Redis delete queued jobs). Skipped when REDIS_URL is unset. One connection attempt, no retries.
 */
export async function checkRedis(config: Config): Promise<CheckResult> {
  const url = config.REDIS_URL;
  if (url === undefined)
    return { name: 'redis', status: 'skip', detail: 'REDIS_URL unset (only distributed mode needs it)' };
  const shown = maskUrlPassword(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The connection's own error says more than the failed command's "Connection is closed.".
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    const info = await redis.info('server');
    const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
    const policy = await maxmemoryPolicy(redis).catch(() => undefined);
    const found = `${shown}: PING ok, Redis ${version}, maxmemory-policy ${policy ?? 'unknown'}`;
    if (policy !== 'noeviction') {
      return {
        name: 'redis',
        status: 'warn',
        detail: `${found}; set \`maxmemory-policy noeviction\`: any other policy lets Redis delete queued jobs`,
      };
    }
    return { name: 'redis', status: 'ok', detail: found };
  } catch (error) {
    const reason = connectionError ? `${reasonOf(connectionError)}` : reasonOf(error);
    // A wrong password or user is the setup's fault; anything else is Redis being unreachable.
    const status = /WRONGPASS|NOAUTH|invalid password|invalid username/i.test(reason) ? 'config' : 'down';
    return { name: 'redis', status, detail: `${shown}: ${reason}; check REDIS_URL` };
  } finally {
    redis.disconnect();
  }
}
