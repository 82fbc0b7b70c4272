import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { countJobs, openQueues, type OpenQueues } from '../../src/queue/index.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { makePapers, waitFor } from './queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from './worker-process-kit.js';

const redisUrl = testRedisUrl();

/**
 * The distributed mode end to end: real worker PROCESSES (workers/summarize.ts) and the real CLI
 * against real Redis, a shared SQLite file and the fake OpenAI-compatible server, with the openai
 * provider. Each test has its own queue prefix and store, deleted afterwards.
 */
describe.skipIf(!redisUrl)('worker processes (real Redis, fake LLM, openai provider)', () => {
  const url = redisUrl as string;
  let llm: FakeLlmServer;
  let prefix: string;
  let work: ReturnType<typeof workFolder>;
  let store: SqliteStore | undefined;
  let open: OpenQueues | undefined;
  let workers: ChildRun[] = [];

  beforeAll(async () => {
    llm = await startFakeLlmServer();
  });
  afterAll(async () => {
    await llm.close();
  });

  afterEach(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    workers = [];
    await open?.close();
    await store?.close();
    open = undefined;
    store = undefined;
    work.dispose();
    await deleteKeysWithPrefix(url, prefix);
  });

  /** Fresh prefix, papers file, store and fake LLM script for one test. */
  async function setUp(paperCount: number, llmOptions: { latencyMs?: number } = {}) {
    prefix = uniquePrefix('processes');
    work = workFolder(makePapers(paperCount));
    llm.setScript(() => (llmOptions.latencyMs ? { kind: 'slow', delayMs: llmOptions.latencyMs } : 'valid'));
    const env = {
      REDIS_URL: url,
      PAPERBRIEF_QUEUE_PREFIX: prefix,
      PAPERBRIEF_DB: work.dbFile,
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
    const enqueue = await runCli(['enqueue', work.papersFile], env);
    expect(enqueue.output).toContain(`enqueued ${paperCount}, already known 0`);
    store = createSqliteStore({ path: work.dbFile });
    open = await openQueues({ redisUrl: url, prefix });
    return env;
  }

  const start = (env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): ChildRun => {
    const worker = spawnSummarizeWorker({ ...env, ...extra });
    workers.push(worker);
    return worker;
  };
  const summarizeCounts = () => countJobs((open as OpenQueues).queues.summarize);
  const callsSoFar = () => llm.calls.length;

  it('500 papers, two worker processes: 500 briefs, each once; enqueueing again calls the LLM no more', async () => {
    const before = callsSoFar();
    const env = await setUp(500);
    const [one, two] = [start(env), start(env)];
    await waitFor('500 completed jobs', async () => (await summarizeCounts()).completed === 500, 60_000);

    expect(await store?.count()).toBe(500);
    const calls = llm.calls.slice(before);
    expect(calls).toHaveLength(500);
    expect(new Set(calls.map((call) => call.paper?.title)).size).toBe(500);
    const jobs = await open?.queues.summarize.getCompleted(0, 499);
    const processedBy = new Set(jobs?.map((job) => job.processedBy));
    expect(processedBy.size).toBe(2); // both processes took a share

    const again = await runCli(['enqueue', work.papersFile], env);
    expect(again.output).toContain('enqueued 0, already known 500');
    expect(await summarizeCounts()).toMatchObject({
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 500,
      failed: 0,
    });
    expect(callsSoFar() - before).toBe(500);

    one?.child.kill('SIGTERM');
    two?.child.kill('SIGTERM');
    expect(await one?.exited).toEqual({ code: 0, signal: null });
    expect(await two?.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('a worker killed with SIGKILL mid-run: another takes over and every paper is briefed exactly once', async () => {
    const before = callsSoFar();
    const env = await setUp(500, { latencyMs: 20 });
    const doomed = start(env);
    await waitFor('100 briefs', async () => ((await store?.count()) ?? 0) >= 100, 60_000);
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const inFlight = (await summarizeCounts()).active; // locked by the dead worker

    start(env);
    await waitFor('500 completed jobs', async () => (await summarizeCounts()).completed === 500, 60_000);
    expect(await summarizeCounts()).toMatchObject({ failed: 0, active: 0, waiting: 0 });
    expect(await store?.count()).toBe(500);
    const titles = llm.calls.slice(before).map((call) => call.paper?.title);
    expect(new Set(titles).size).toBe(500);
    // Only the jobs the dead worker held were run again.
    expect(titles.length - 500).toBeLessThanOrEqual(Math.max(inFlight, 8));
  }, 90_000);

  it('a SIGTERM-ed worker finishes its jobs in flight, exits 0, and loses no job', async () => {
    const before = callsSoFar();
    const env = await setUp(60, { latencyMs: 300 });
    const worker = start(env, { PAPERBRIEF_CONCURRENCY: '4' });
    await waitFor('8 briefs', async () => ((await store?.count()) ?? 0) >= 8, 30_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    const counts = await summarizeCounts();
    expect(counts).toMatchObject({ active: 0, failed: 0 });
    expect(counts.completed + counts.waiting).toBe(60);
    // Every call it started was answered and stored before it left.
    expect(callsSoFar() - before).toBe(counts.completed);
    expect(await store?.count()).toBe(counts.completed);

    start(env);
    await waitFor('60 completed jobs', async () => (await summarizeCounts()).completed === 60, 30_000);
    expect(await store?.count()).toBe(60);
  }, 60_000);

  it('429 with Retry-After: 1 pauses the queue, then every paper is briefed', async () => {
    const before = callsSoFar();
    const env = await setUp(32);
    // Every 8th call of the run is refused, once per paper: each time the queue must stand still
    // for a second. (Titles repeat across tests, so the script keeps its own record.)
    const refused = new Set<string>();
    llm.setScript((call) => {
      const title = call.paper?.title ?? '';
      if ((call.index - before) % 8 !== 3 || refused.has(title)) return 'valid';
      refused.add(title);
      return { kind: 'rate-limited', retryAfterSeconds: 1 };
    });
    start(env, { PAPERBRIEF_CONCURRENCY: '2' });
    await waitFor('32 completed jobs', async () => (await summarizeCounts()).completed === 32, 60_000);
    expect(await summarizeCounts()).toMatchObject({ failed: 0 });
    expect(await store?.count()).toBe(32);

    const calls = llm.calls.slice(before);
    const limited = calls.filter(
      (call) => typeof call.behaviour === 'object' && call.behaviour.kind === 'rate-limited',
    );
    expect(limited.length).toBeGreaterThanOrEqual(4);
    for (const refused of limited) {
      // No job starts during the pause. The one other job in flight (concurrency 2) may still
      // make its call; on a loaded machine that can land well after the 429.
      const during = calls.filter(
        (call) => call.receivedAt > refused.receivedAt && call.receivedAt < refused.receivedAt + 900,
      );
      expect(during.length).toBeLessThanOrEqual(1);
    }
    const jobs = await open?.queues.summarize.getCompleted(0, 99);
    expect(jobs?.every((job) => job.attemptsMade === 1)).toBe(true); // a 429 uses no attempt
  }, 90_000);

  it('non-retryable errors fail fast, with their reason in `paperbrief jobs failed`', async () => {
    const before = callsSoFar();
    const env = await setUp(10);
    llm.setScript((call) =>
      call.paper?.title.startsWith('Paper 00004')
        ? { kind: 'error', status: 400, code: 'context_length_exceeded' }
        : 'valid',
    );
    start(env);
    await waitFor(
      '10 settled jobs',
      async () => {
        const counts = await summarizeCounts();
        return counts.completed + counts.failed === 10;
      },
      30_000,
    );
    expect(
      llm.calls.slice(before).filter((call) => call.paper?.title.startsWith('Paper 00004')),
    ).toHaveLength(1);

    const failed = await runCli(['jobs', 'failed', '--json'], env);
    expect(failed.code).toBe(0);
    const rows = failed.output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ queue: 'summarize', paperId: '2401.00004', attempts: 1 });
    expect(String(rows[0]?.reason)).toMatch(/400/);
    const table = await runCli(['jobs', 'failed'], env);
    expect(table.output).toMatch(/summarize\s+s-2401\.00004-\w+\s+2401\.00004\s+1\s+\S.*400/);
  }, 60_000);
});
