import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import {
  createRedisConnection,
  openQueues,
  startWorkers,
  warnUnlessNoeviction,
} from '../../src/queue/index.js';
import { redisServerOnPath, startRedisServer, type RedisServer } from '../support/redis.js';
import {
  capturingLogger,
  pipelineDeps,
  scriptedSummarizer,
  temporaryStore,
  testSettings,
} from './queue-test-kit.js';

/** Redis settings the workers check, and producers failing fast, on a throwaway redis-server. */
describe.skipIf(!redisServerOnPath())('Redis connections (own redis-server)', () => {
  // Restarts reuse the port and folder of the first server; disposing that one deletes its folder.
  let first: RedisServer;
  let server: RedisServer;

  beforeAll(async () => {
    first = await startRedisServer({ appendonly: false });
    server = first;
  });
  afterAll(async () => {
    await server.stop();
    await first.dispose();
  });

  it('a worker warns when maxmemory-policy is not noeviction', async () => {
    const admin = new Redis(server.url);
    const { logger, lines } = capturingLogger();
    const storeHandle = temporaryStore();
    try {
      expect(await warnUnlessNoeviction(admin, logger)).toBe('noeviction');
      expect(lines.filter((line) => line.level === 40)).toEqual([]);

      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const running = await startWorkers(
        ['summarize'],
        {
          pipeline: pipelineDeps(scriptedSummarizer(), storeHandle.store),
          watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
          logger,
        },
        testSettings(server.url, 'eviction'),
      );
      await running.close();
      const warning = lines.find((line) => line.level === 40 && line.maxmemoryPolicy === 'allkeys-lru');
      expect(String(warning?.msg)).toContain('Set `maxmemory-policy noeviction`');
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      admin.disconnect();
      await storeHandle.dispose();
    }
  });

  it('producers fail fast while Redis is down instead of queueing commands', async () => {
    const open = await openQueues({ redisUrl: server.url, prefix: 'down' });
    await server.stop();
    try {
      const startedAt = Date.now();
      await expect(open.queues.summarize.add('summarize', { id: 'x' }, { jobId: 'x' })).rejects.toThrow();
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      await expect(openQueues({ redisUrl: server.url, prefix: 'down' })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      open.queues.summarize.removeAllListeners();
      await open.close().catch(() => {});
      server = await startRedisServer({ port: server.port, dir: server.dir, appendonly: false });
    }
  });

  it('worker connections wait through a Redis restart (maxRetriesPerRequest: null)', async () => {
    const redis = createRedisConnection({ redisUrl: server.url }, 'worker');
    redis.on('error', () => {});
    try {
      expect(await redis.ping()).toBe('PONG');
      await server.stop();
      const pending = redis.set('restart-probe', '1');
      server = await startRedisServer({ port: server.port, dir: server.dir, appendonly: false });
      await expect(pending).resolves.toBe('OK');
    } finally {
      redis.disconnect();
    }
  });
});
