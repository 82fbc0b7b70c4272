import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { parseRedisSettings, queueConnection } from '../../src/compose/redis-settings.js';
import { startServer } from '../../src/compose/server.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { markSeen, unseenIds } from '../../src/watch/seen-papers.js';
import {
  connectionReady,
  countJobs,
  createRedisConnection,
  openQueues,
  type OpenQueues,
} from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { redisClusterToolsOnPath, startRedisCluster, type OwnCluster } from '../support/redis-cluster.js';
import { uniquePrefix } from '../support/redis.js';
import { makePapers, waitFor } from './queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from './worker-process-kit.js';

/**
 * Distributed mode on a real Redis Cluster: three `redis-server --cluster-enabled yes` masters on
 * loopback, joined by `redis-cli --cluster create`, started for this file and stopped after it.
 * Worker processes, the CLI (enqueue, jobs, watch) and the API all reach it through
 * REDIS_CLUSTER_NODES. Under CI a missing redis-server fails the file instead of skipping it.
 */
const runnable = redisClusterToolsOnPath() || process.env.CI === 'true';

describe.skipIf(!runnable)('Redis Cluster (3 real nodes, worker processes, fake LLM)', () => {
  let cluster: OwnCluster;
  let llm: FakeLlmServer;
  let work: ReturnType<typeof workFolder> | undefined;
  let store: SqliteStore | undefined;
  let open: OpenQueues | undefined;
  let workers: ChildRun[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    llm = await startFakeLlmServer();
  });
  afterAll(async () => {
    await llm?.close();
    await cluster?.dispose();
  });
  afterEach(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    workers = [];
    await open?.close();
    await store?.close();
    work?.dispose();
    open = undefined;
    store = undefined;
    work = undefined;
  });

  /** The environment of every process of one test: cluster nodes, a hash-tagged prefix of its own. */
  function clusterEnv(dbFile: string, latencyMs?: number): Record<string, string> {
    llm.setScript(() => (latencyMs ? { kind: 'slow', delayMs: latencyMs } : 'valid'));
    return {
      REDIS_URL: '',
      REDIS_CLUSTER_NODES: cluster.nodes,
      PAPERBRIEF_QUEUE_PREFIX: `{${uniquePrefix('cluster')}}`,
      PAPERBRIEF_DB: dbFile,
      DATABASE_URL: '',
      PAPERBRIEF_PROVIDER: 'openai',
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'test-key',
      PAPERBRIEF_MODEL: 'fake-model',
      PAPERBRIEF_RPM: '',
      PAPERBRIEF_TPM: '',
      PAPERBRIEF_MAX_COST: '',
      PAPERBRIEF_CONCURRENCY: '8',
      PAPERBRIEF_LOCK_DURATION_MS: '2000',
      PAPERBRIEF_STALLED_INTERVAL_MS: '1000',
      PAPERBRIEF_SHUTDOWN_TIMEOUT_MS: '10000',
      PAPERBRIEF_WEBHOOK_URL: '',
      PAPERBRIEF_WEBHOOKS_FILE: '',
      LOG_LEVEL: 'warn',
    };
  }

  /** Papers file, store, environment and producer queues of one test; the papers are enqueued. */
  async function setUp(paperCount: number, latencyMs?: number) {
    work = workFolder(makePapers(paperCount));
    const env = clusterEnv(work.dbFile, latencyMs);
    const enqueue = await runCli(['enqueue', work.papersFile], env);
    expect(enqueue.output).toContain(`enqueued ${paperCount}, already known 0`);
    store = createSqliteStore({ path: work.dbFile });
    open = await openQueues(queueConnection(loadConfig(env)));
    return env;
  }

  const start = (env: NodeJS.ProcessEnv): ChildRun => {
    const worker = spawnSummarizeWorker(env);
    workers.push(worker);
    return worker;
  };
  const summarizeCounts = () => countJobs((open as OpenQueues).queues.summarize);

  it('enqueue, two worker processes: every paper briefed once; `jobs status` reads the cluster', async () => {
    const before = llm.calls.length;
    const env = await setUp(200);
    const [one, two] = [start(env), start(env)];
    await waitFor('200 completed jobs', async () => (await summarizeCounts()).completed === 200, 60_000);

    expect(await store?.count()).toBe(200);
    const titles = llm.calls.slice(before).map((call) => call.paper?.title);
    expect(titles).toHaveLength(200);
    expect(new Set(titles).size).toBe(200);
    const jobs = await open?.queues.summarize.getCompleted(0, 199);
    expect(new Set(jobs?.map((job) => job.processedBy)).size).toBe(2);

    const again = await runCli(['enqueue', (work as { papersFile: string }).papersFile], env);
    expect(again.output).toContain('enqueued 0, already known 200');
    const status = await runCli(['jobs', 'status'], env);
    expect(status.code).toBe(0);
    expect(status.output).toMatch(/summarize\s.*200/);

    one?.child.kill('SIGTERM');
    two?.child.kill('SIGTERM');
    expect(await one?.exited).toEqual({ code: 0, signal: null });
    expect(await two?.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('a worker killed with SIGKILL mid-run loses nothing: the other finishes, each paper once', async () => {
    const before = llm.calls.length;
    const env = await setUp(200, 20);
    const [doomed] = [start(env), start(env)];
    await waitFor('40 briefs', async () => ((await store?.count()) ?? 0) >= 40, 60_000);
    doomed?.child.kill('SIGKILL');
    expect(await doomed?.exited).toEqual({ code: null, signal: 'SIGKILL' });

    await waitFor('200 completed jobs', async () => (await summarizeCounts()).completed === 200, 60_000);
    expect(await summarizeCounts()).toMatchObject({ failed: 0, active: 0, waiting: 0, delayed: 0 });
    expect(await store?.count()).toBe(200);
    const titles = llm.calls.slice(before).map((call) => call.paper?.title);
    expect(new Set(titles).size).toBe(200);
    // Only the jobs the dead worker held (at most its concurrency) ran twice.
    expect(titles.length - 200).toBeLessThanOrEqual(8);
  }, 90_000);

  it('serve answers /readyz, watch registers a schedule and the seen set works on the cluster', async () => {
    work = workFolder([]);
    const env = clusterEnv(work.dbFile);
    const config = loadConfig({ ...env, PAPERBRIEF_API_TOKEN: 'cluster-test-token-0123456789abcdef' });
    const server = await startServer(config, createLogger({ level: 'silent' }), {
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
    } finally {
      await server.close();
    }

    const watch = await runCli(['watch', '--source', 'hf-daily', '--every', '1h'], env);
    expect(watch.code).toBe(0);
    const list = await runCli(['watch', '--list'], env);
    expect(list.output).toContain('"source":"hf-daily"');

    const connection = queueConnection(config);
    const redis = createRedisConnection(connection, 'producer');
    redis.on('error', () => {});
    try {
      expect(redis).toBeInstanceOf(Cluster);
      await connectionReady(redis);
      const key = `${connection.prefix}:seen-papers`;
      await markSeen(redis, key, ['2401.00001']);
      expect(await unseenIds(redis, key, ['2401.00001', '2401.00002'])).toEqual(['2401.00002']);
    } finally {
      redis.disconnect();
    }
  }, 60_000);

  it('{paperbrief} is the default prefix; a prefix without a hash tag is refused, and would fail (CROSSSLOT)', async () => {
    expect(queueConnection(loadConfig({ REDIS_CLUSTER_NODES: cluster.nodes })).prefix).toBe('{paperbrief}');

    work = workFolder(makePapers(1));
    const env = { ...clusterEnv(work.dbFile), PAPERBRIEF_QUEUE_PREFIX: 'plain' };
    const refused = await runCli(['enqueue', work.papersFile], env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('has no hash tag');

    // What the check prevents: BullMQ's scripts touch several keys, which a real cluster refuses
    // unless they share a slot.
    const untagged = await openQueues({
      ...parseRedisSettings({ REDIS_CLUSTER_NODES: cluster.nodes }),
      prefix: uniquePrefix('untagged'),
    });
    try {
      await expect(untagged.queues.summarize.add('summarize', { id: 'x' }, { jobId: 'x' })).rejects.toThrow(
        /CROSSSLOT/,
      );
    } finally {
      await untagged.close();
    }
  }, 60_000);
});
