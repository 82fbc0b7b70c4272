import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import {
  hasHashTag,
  parseRedisSettings,
  queueConnection,
  queuePrefix,
} from '../../src/compose/redis-settings.js';
import { createRedisConnection, type RedisClient } from '../../src/queue/index.js';

/** REDIS_* variables → connection settings → ioredis options, without a server. */
describe('Redis settings from the environment', () => {
  it('one server: the URL as given, login variables on top', () => {
    expect(parseRedisSettings({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(
      parseRedisSettings({ REDIS_URL: 'rediss://cache:6380', REDIS_USERNAME: 'app', REDIS_PASSWORD: 'pw' }),
    ).toEqual({ redisUrl: 'rediss://cache:6380', username: 'app', password: 'pw' });
  });

  it('cluster nodes: host:port or redis[s]:// URLs, a login from the URL, IPv6 unbracketed', () => {
    expect(parseRedisSettings({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001,' })).toEqual({
      clusterNodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
      ],
    });
    expect(
      parseRedisSettings({ REDIS_CLUSTER_NODES: 'rediss://app:p%40ss@node-a:6379,rediss://[::1]:6380' }),
    ).toEqual({
      clusterNodes: [
        { host: 'node-a', port: 6379 },
        { host: '::1', port: 6380 },
      ],
      username: 'app',
      password: 'p@ss',
      tls: true,
    });
    // The variables win over the URL's login.
    expect(parseRedisSettings({ REDIS_CLUSTER_NODES: 'redis://a:b@h:1', REDIS_PASSWORD: 'c' })).toMatchObject(
      { username: 'a', password: 'c' },
    );
  });

  it('bad input names the variable', () => {
    expect(() => parseRedisSettings({})).toThrow(/set REDIS_URL .* or REDIS_CLUSTER_NODES/);
    expect(() => parseRedisSettings({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'b:2' })).toThrow(
      /not both/,
    );
    expect(() => parseRedisSettings({ REDIS_CLUSTER_NODES: 'node-a' })).toThrow(
      /REDIS_CLUSTER_NODES: "node-a" needs a host and a port/,
    );
    expect(() => parseRedisSettings({ REDIS_CLUSTER_NODES: 'http://a:1' })).toThrow(
      /redis:\/\/ or rediss:\/\//,
    );
    expect(() => parseRedisSettings({ REDIS_CLUSTER_NODES: 'redis://a:1,rediss://b:2' })).toThrow(
      /one scheme/,
    );
    expect(() => parseRedisSettings({ REDIS_CLUSTER_NODES: ' , ' })).toThrow(/no node given/);
    expect(() => parseRedisSettings({ REDIS_URL: 'redis://a:1', REDIS_TLS_CA_FILE: '/etc/ca.pem' })).toThrow(
      /REDIS_TLS_CA_FILE is set but REDIS_URL does not use rediss/,
    );
    expect(() =>
      parseRedisSettings({ REDIS_URL: 'rediss://a:1', REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' }),
    ).toThrow(/REDIS_TLS_CA_FILE: cannot read \/nonexistent\/ca.pem/);
  });

  it('the queue prefix: paperbrief, or {paperbrief} on a cluster, where a hash tag is required', () => {
    expect(queuePrefix(undefined, false)).toBe('paperbrief');
    expect(queuePrefix('mine', false)).toBe('mine');
    expect(queuePrefix(undefined, true)).toBe('{paperbrief}');
    expect(queuePrefix('{mine}', true)).toBe('{mine}');
    expect(queuePrefix('app:{jobs}', true)).toBe('app:{jobs}');
    expect(() => queuePrefix('mine', true)).toThrow(
      /PAPERBRIEF_QUEUE_PREFIX "mine" has no hash tag.*\{mine\}/,
    );
    expect(hasHashTag('{}x')).toBe(false); // an empty tag hashes the whole key
    expect(hasHashTag('{a')).toBe(false);
    expect(queueConnection(loadConfig({ REDIS_CLUSTER_NODES: 'h:1' })).prefix).toBe('{paperbrief}');
    expect(queueConnection(loadConfig({ REDIS_URL: 'redis://h:1' })).prefix).toBe('paperbrief');
  });
});

describe('createRedisConnection options (ioredis objects, closed at once)', () => {
  const opened: RedisClient[] = [];
  const open = (...args: Parameters<typeof createRedisConnection>): RedisClient => {
    const client = createRedisConnection(...args);
    client.on('error', () => {});
    opened.push(client);
    return client;
  };
  const closeAll = () => opened.splice(0).forEach((client) => client.disconnect());

  it('a cluster worker: maxRetriesPerRequest null on every node (BullMQ reads redisOptions), login, TLS with the CA', () => {
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-ca-'));
    try {
      const caFile = join(folder, 'ca.pem');
      writeFileSync(caFile, 'PEM TEXT');
      const settings = parseRedisSettings({
        REDIS_CLUSTER_NODES: 'rediss://127.0.0.1:1',
        REDIS_USERNAME: 'app',
        REDIS_PASSWORD: 'pw',
        REDIS_TLS_CA_FILE: caFile,
      });
      const worker = open(settings, 'worker') as Cluster;
      expect(worker).toBeInstanceOf(Cluster);
      expect(worker.options.redisOptions).toMatchObject({
        maxRetriesPerRequest: null,
        username: 'app',
        password: 'pw',
        tls: { ca: 'PEM TEXT' },
      });
      // Host names reach the TLS handshake unresolved, so the certificate can match them.
      let looked: string | undefined;
      worker.options.dnsLookup?.('node-a.example', (_error, address) => (looked = address));
      expect(looked).toBe('node-a.example');

      const producer = open(
        parseRedisSettings({ REDIS_CLUSTER_NODES: '127.0.0.1:1' }),
        'producer',
      ) as Cluster;
      expect(producer.options.enableOfflineQueue).toBe(false);
      expect(producer.options.redisOptions).toEqual({ maxRetriesPerRequest: 1 });
    } finally {
      closeAll();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('one server: rediss:// turns TLS on, the login variables win over the URL', () => {
    try {
      const redis = open(
        { redisUrl: 'rediss://url-user:url-pw@127.0.0.1:1', password: 'pw' },
        'producer',
      ) as Redis;
      expect(redis).toBeInstanceOf(Redis);
      expect(redis.options).toMatchObject({
        username: 'url-user',
        password: 'pw',
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      });
      expect(redis.options.tls).toBeTruthy();
    } finally {
      closeAll();
    }
  });
});
