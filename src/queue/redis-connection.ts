import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { ConfigError } from '../errors.js';

/** One seed node of a Redis Cluster. */
export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where Redis is and how to log in, for every role (workers, producers, the API, `watch`, `jobs`).
 * Exactly one of `redisUrl` (one server) and `clusterNodes` (a Redis Cluster) is set.
 */
export interface RedisConnectionSettings {
  /** One server: `redis://` or `rediss://` (TLS) URL, user and password may be in it (REDIS_URL). */
  redisUrl?: string | undefined;
  /** Seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES); the rest is discovered. */
  clusterNodes?: readonly RedisNode[] | undefined;
  /** ACL user (REDIS_USERNAME); wins over the one in a URL. */
  username?: string | undefined;
  /** Password (REDIS_PASSWORD); wins over the one in a URL. */
  password?: string | undefined;
  /** TLS to every node: `rediss://` cluster nodes (a single URL says so by its own scheme). */
  tls?: boolean | undefined;
  /** PEM certificates to trust besides the system's (read from REDIS_TLS_CA_FILE). */
  tlsCa?: string | undefined;
}

/**
 * `worker`: blocking commands must wait through reconnects, so `maxRetriesPerRequest: null`
 * (BullMQ requires it, and reads it from `redisOptions` on a Cluster). `producer`: fail fast
 * instead of queueing commands in memory while Redis is down (`enableOfflineQueue: false`), so an
 * HTTP request or `enqueue` answers with an error.
 */
export type RedisRole = 'worker' | 'producer';

/** A connection to one server or to a Redis Cluster; BullMQ and the seen set take either. */
export type RedisClient = Redis | Cluster;

/**
 * Opens an ioredis connection for the role: a `Cluster` when `clusterNodes` is set, else one
 * `Redis` on `redisUrl`, with the ACL user, password and TLS settings for every node.
 * @throws ConfigError when neither `redisUrl` nor `clusterNodes` is set.
 */
export function createRedisConnection(settings: RedisConnectionSettings, role: RedisRole): RedisClient {
  const retries: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 };
  const offline = role === 'worker' ? {} : { enableOfflineQueue: false };
  const login: RedisOptions = {
    ...(settings.username === undefined ? {} : { username: settings.username }),
    ...(settings.password === undefined ? {} : { password: settings.password }),
  };
  const ca: ConnectionOptions = settings.tlsCa === undefined ? {} : { ca: settings.tlsCa };

  if (settings.clusterNodes !== undefined && settings.clusterNodes.length > 0) {
    return new Cluster(
      settings.clusterNodes.map((node) => ({ host: node.host, port: node.port })),
      {
        ...offline,
        // Node connections keep their offline queue: the cluster connects them lazily, and the
        // cluster-level `enableOfflineQueue: false` already makes producers fail fast.
        redisOptions: { ...retries, ...login, ...(settings.tls ? { tls: ca } : {}) },
        // With TLS, connect to the names given so the certificate's host name can match them
        // (ioredis would otherwise connect to the resolved address).
        ...(settings.tls
          ? {
              dnsLookup: (address: string, callback: (error: null, address: string) => void) =>
                callback(null, address),
            }
          : {}),
      },
    );
  }
  if (settings.redisUrl === undefined) {
    throw new ConfigError('no Redis to connect to: set REDIS_URL or REDIS_CLUSTER_NODES');
  }
  // A `rediss://` URL turns TLS on by itself; `ca` adds certificates to trust.
  const tls = settings.tlsCa === undefined ? {} : { tls: ca };
  const { url, urlLogin } = splitLogin(settings.redisUrl, login);
  return new Redis(url, { ...retries, ...offline, ...urlLogin, ...login, ...tls });
}

/**
 * When `login` gives a user or password, the URL without its own (ioredis lets a URL's login win
 * over the options) and that login, so the variables win and the rest of the URL's login is kept.
 */
function splitLogin(url: string, login: RedisOptions): { url: string; urlLogin: RedisOptions } {
  if (login.username === undefined && login.password === undefined) return { url, urlLogin: {} };
  const parsed = new URL(url);
  const urlLogin: RedisOptions = {
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
  };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), urlLogin };
}

/** Resolves once the connection is ready (needed before the first command of a producer). */
export async function connectionReady(redis: RedisClient): Promise<void> {
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
 * Redis's `maxmemory-policy`, read from INFO (works where CONFIG is disabled, as on managed Redis);
 * in a cluster the first master's that is not `noeviction`.
 * Returns undefined when the server does not report it.
 */
export async function maxmemoryPolicy(redis: RedisClient): Promise<string | undefined> {
  // The queue keys share one slot, on whichever master owns it now: check them all.
  const servers = redis instanceof Cluster ? redis.nodes('master') : [redis];
  let found: string | undefined;
  for (const server of servers) {
    const policy = /^maxmemory_policy:(\S+)/m.exec(await server.info('memory'))?.[1];
    if (policy !== undefined && policy !== 'noeviction') return policy;
    found ??= policy;
  }
  return found;
}

/**
 * Warns when Redis may evict keys: any policy but `noeviction` can silently drop queued jobs
 * and their locks under memory pressure. Returns the policy found.
 */
export async function warnUnlessNoeviction(redis: RedisClient, logger: Logger): Promise<string | undefined> {
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
