import { readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { RedisConnectionSettings, RedisNode } from '../queue/redis-connection.js';
import type { QueueConnectionSettings } from '../queue/worker-settings.js';

/** The variables that say where Redis is, as given (names in the error messages). */
export interface RedisVariables {
  REDIS_URL?: string | undefined;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_USERNAME?: string | undefined;
  REDIS_PASSWORD?: string | undefined;
  REDIS_TLS_CA_FILE?: string | undefined;
}

/** The hash-tagged prefix used in cluster mode when PAPERBRIEF_QUEUE_PREFIX is unset. */
export const CLUSTER_QUEUE_PREFIX = '{paperbrief}';
const SINGLE_QUEUE_PREFIX = 'paperbrief';

/**
 * Parses the Redis variables into connection settings. Cluster nodes are `host:port` or
 * `redis[s]://[user:password@]host:port`, comma-separated; all of one scheme.
 * @throws ConfigError naming the variable: neither or both of REDIS_URL and REDIS_CLUSTER_NODES,
 *   a malformed node, mixed schemes, an unreadable CA file or a CA file without TLS.
 */
export function parseRedisSettings(variables: RedisVariables): RedisConnectionSettings {
  const url = variables.REDIS_URL;
  const nodesText = variables.REDIS_CLUSTER_NODES;
  if (url !== undefined && nodesText !== undefined) {
    throw new ConfigError(
      'set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
    );
  }
  if (url === undefined && nodesText === undefined) {
    throw new ConfigError(
      'distributed mode needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379) ' +
        'or REDIS_CLUSTER_NODES (e.g. 10.0.0.1:6379,10.0.0.2:6379)',
    );
  }
  const credentials = {
    ...(variables.REDIS_USERNAME === undefined ? {} : { username: variables.REDIS_USERNAME }),
    ...(variables.REDIS_PASSWORD === undefined ? {} : { password: variables.REDIS_PASSWORD }),
  };
  if (url !== undefined) {
    const tls = /^rediss:\/\//i.test(url);
    return { redisUrl: url, ...credentials, ...tlsCa(variables.REDIS_TLS_CA_FILE, tls, 'REDIS_URL') };
  }
  const entries = (nodesText as string)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new ConfigError('REDIS_CLUSTER_NODES: no node given');
  const parsed = entries.map(parseNode);
  const tls = parsed[0]?.tls === true;
  if (parsed.some((node) => node.tls !== tls)) {
    throw new ConfigError('REDIS_CLUSTER_NODES: mix of redis:// and rediss:// nodes; use one scheme');
  }
  const fromUrl = parsed.find((node) => node.username !== undefined || node.password !== undefined);
  return {
    clusterNodes: parsed.map(({ host, port }) => ({ host, port })),
    ...(fromUrl?.username === undefined ? {} : { username: fromUrl.username }),
    ...(fromUrl?.password === undefined ? {} : { password: fromUrl.password }),
    ...credentials,
    ...(tls ? { tls: true } : {}),
    ...tlsCa(variables.REDIS_TLS_CA_FILE, tls, 'REDIS_CLUSTER_NODES'),
  };
}

/**
 * The queues' key prefix. In cluster mode every key of paperbrief (queues, seen set, gates,
 * metrics) must hash to one slot, so the prefix needs a hash tag: `{paperbrief}` by default.
 * @throws ConfigError when a cluster prefix has no hash tag.
 */
export function queuePrefix(given: string | undefined, cluster: boolean): string {
  if (!cluster) return given ?? SINGLE_QUEUE_PREFIX;
  if (given === undefined) return CLUSTER_QUEUE_PREFIX;
  if (!hasHashTag(given)) {
    throw new ConfigError(
      `PAPERBRIEF_QUEUE_PREFIX "${given}" has no hash tag: with REDIS_CLUSTER_NODES every queue key ` +
        `must land in one cluster slot; use a prefix like {${given}}`,
    );
  }
  return given;
}

/** Whether Redis Cluster hashes keys starting with `prefix` by a `{tag}` inside it. */
export function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  const close = prefix.indexOf('}', open + 1);
  return open !== -1 && close > open + 1;
}

function parseNode(entry: string): RedisNode & { tls: boolean; username?: string; password?: string } {
  const hasScheme = entry.includes('://');
  let url: URL;
  try {
    url = new URL(hasScheme ? entry : `redis://${entry}`);
  } catch {
    throw new ConfigError(`REDIS_CLUSTER_NODES: "${entry}" is not host:port or a redis:// URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`REDIS_CLUSTER_NODES: "${entry}" must use redis:// or rediss://`);
  }
  if (url.hostname === '' || url.port === '') {
    throw new ConfigError(`REDIS_CLUSTER_NODES: "${entry}" needs a host and a port`);
  }
  return {
    // `[::1]` is how URLs write IPv6; sockets want it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port),
    tls: url.protocol === 'rediss:',
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
  };
}

function tlsCa(file: string | undefined, tls: boolean, where: string): { tlsCa?: string } {
  if (file === undefined) return {};
  if (!tls) {
    throw new ConfigError(`REDIS_TLS_CA_FILE is set but ${where} does not use rediss:// (TLS)`);
  }
  try {
    return { tlsCa: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ConfigError(`REDIS_TLS_CA_FILE: cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * The Redis connection (REDIS_URL or REDIS_CLUSTER_NODES, REDIS_USERNAME, REDIS_PASSWORD,
 * REDIS_TLS_CA_FILE) and queue prefix (`{paperbrief}` by default on a cluster) of a Config;
 * every queue command needs them.
 * @throws ConfigError naming the variable when Redis is not set or set wrong.
 */
export function queueConnection(config: Config): QueueConnectionSettings {
  const redis = parseRedisSettings(config);
  return { ...redis, prefix: queuePrefix(config.PAPERBRIEF_QUEUE_PREFIX, redis.clusterNodes !== undefined) };
}
