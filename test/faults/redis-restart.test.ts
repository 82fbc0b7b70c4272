import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type OpenQueues } from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { makePapers, waitFor } from '../queue/queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from '../queue/worker-process-kit.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { redisServerOnPath, startRedisServer, type RedisServer } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { describeReasons, queueOutcome, queueSettled } from './queue-outcome.js';
import { workerEnv } from './worker-env.js';

const PAPERS = 600;

/**
 * Redis itself goes away mid-run: the suite's own `redis-server` (appendonly yes, fsync always)
 * on a free port is stopped while two worker processes are busy, then started again on the same
 * port and data folder. The workers must ride it out (reconnect, no crash) and finish every job.
 */
describe.skipIf(!redisServerOnPath())('fault: Redis restarted mid-run', () => {
  const papers = makePapers(PAPERS, 40_001);
  const work = workFolder(papers);
  const workers: ChildRun[] = [];
  let redis: RedisServer;
  let llm: FakeLlmServer;
  let store: SqliteStore | undefined;
  let open: OpenQueues | undefined;

  beforeAll(async () => {
    redis = await startRedisServer({ appendonly: true });
    llm = await startFakeLlmServer({ latencyMs: 10 });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await open?.close();
    await store?.close();
    await llm.close();
    await redis.dispose();
    work.dispose();
  });

  it('600 papers, Redis stopped and started again mid-run: workers reconnect and finish', async () => {
    const startedAt = performance.now();
    const env = workerEnv({
      redisUrl: redis.url,
      prefix: 'faults-restart',
      dbFile: work.dbFile,
      llmBaseUrl: llm.baseUrl,
    });
    const enqueue = await runCli(['enqueue', work.papersFile], env);
    expect(enqueue.output).toContain(`enqueued ${PAPERS}, already known 0`);
    store = createSqliteStore({ path: work.dbFile });
    for (let index = 0; index < 2; index++) workers.push(spawnSummarizeWorker(env));

    await waitFor('150 briefs', async () => ((await store?.count()) ?? 0) >= 150, 60_000);
    await redis.stop();
    const briefedWhileUp = await store.count();
    expect(briefedWhileUp).toBeLessThan(PAPERS); // really mid-run
    // Both workers must have noticed (their logs say so) before Redis comes back.
    await waitFor('both workers to see Redis gone', () =>
      workers.every((worker) =>
        /redis connection error|ECONNREFUSED|Connection is closed/i.test(worker.output()),
      ),
    );
    redis = await startRedisServer({ port: redis.port, dir: redis.dir, appendonly: true });

    open = await openQueues({ redisUrl: redis.url, prefix: 'faults-restart' });
    const summarizeQueue = open.queues.summarize;
    await waitFor('every job settled', () => queueSettled(summarizeQueue, PAPERS), 90_000);

    const crashes = workers.filter(
      (worker) => worker.child.exitCode !== null || worker.child.signalCode !== null,
    );
    const outcome = await queueOutcome(papers, summarizeQueue, store);
    const row = recordFaultRow({
      scenario: 'redis restart (600 papers)',
      ...outcome.row,
      crashes: crashes.length,
      notes:
        `own redis-server (appendonly yes) stopped at ${briefedWhileUp} briefs, restarted on the same port and data; ` +
        `${llm.calls.length} LLM calls for ${PAPERS} papers` +
        (outcome.reasons.size > 0 ? `; failed: ${describeReasons(outcome.reasons)}` : ''),
      durationMs: performance.now() - startedAt,
    });

    expectRowPasses(row, outcome.problems);
    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
