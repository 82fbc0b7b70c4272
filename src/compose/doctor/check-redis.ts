import type { Config } from '../../config.js';
import {
  connectionReady,
  createRedisConnection,
  maxmemoryPolicy,
  type RedisConnectionSettings,
} from '../../queue/redis-connection.js';
import { parseRedisSettings } from '../redis-settings.js';
import { reasonOf, type CheckResult } from './doctor-check.js';
import { maskUrlPassword } from './mask-secret.js';

/** How long doctor waits for Redis to answer, in milliseconds. */
const REDIS_TIMEOUT_MS = 3_000;

/**
 * PING, the server version and `maxmemory-policy` (it must be `noeviction`: any other policy lets
 * Redis delete queued jobs), over the same connection every role opens (one server or a Redis
 * Cluster, with REDIS_USERNAME/REDIS_PASSWORD and TLS). Skipped when no Redis is configured.
 */
export async function checkRedis(config: Config): Promise<CheckResult> {
  if (config.REDIS_URL === undefined && config.REDIS_CLUSTER_NODES === undefined) {
    return { name: 'redis', status: 'skip', detail: 'REDIS_URL unset (only distributed mode needs it)' };
  }
  let settings: RedisConnectionSettings;
  try {
    settings = parseRedisSettings(config);
  } catch (error) {
    return { name: 'redis', status: 'config', detail: reasonOf(error) };
  }
  const variable = settings.redisUrl === undefined ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL';
  const shown =
    settings.redisUrl === undefined
      ? `cluster ${(settings.clusterNodes ?? []).map((node) => `${node.host}:${node.port}`).join(',')}`
      : maskUrlPassword(settings.redisUrl);
  const redis = createRedisConnection(settings, 'producer');
  // The connection's own error says more than the failed command's "Connection is closed.".
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError ??= error));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      (async () => {
        await connectionReady(redis);
        await redis.ping();
      })(),
      deadline,
    ]);
    const info = await Promise.race([redis.info('server'), deadline]);
    const version = /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
    const policy = await Promise.race([maxmemoryPolicy(redis), deadline]).catch(() => undefined);
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
    return { name: 'redis', status, detail: `${shown}: ${reason}; check ${variable}` };
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
