import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type OpenQueues } from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { makePapers, waitFor } from '../queue/queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from '../queue/worker-process-kit.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { redisServerOnPath, startRedisServer, type RedisServer } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { describeReasons, queueOutcome, settleWithin } from './queue-outcome.js';
import { workerEnv } from './worker-env.js';

const PAPERS = 200;
const SHUTDOWN_TIMEOUT_MS = 3_000;
/** The documented bound: the shutdown timeout plus 5 s of grace; 3 s more for a loaded machine. */
const EXIT_BOUND_MS = SHUTDOWN_TIMEOUT_MS + 5_000 + 3_000;

/**
 * SIGTERM reaches a worker while Redis is down (the worker was still alive 90 s later):
 * it must exit within PAPERBRIEF_SHUTDOWN_TIMEOUT_MS plus the grace, whatever Redis does. Redis
 * then comes back (same port, same append-only data) and a new worker finishes the queue: no
 * job lost, no brief twice.
 */
describe.skipIf(!redisServerOnPath())('fault: SIGTERM while Redis is down', () => {
  const papers = makePapers(PAPERS, 65_001);
  const work = workFolder(papers);
  const workers: ChildRun[] = [];
  let redis: RedisServer;
  let dataDir: string;
  let llm: FakeLlmServer;
  let store: SqliteStore | undefined;
  let open: OpenQueues | undefined;

  beforeAll(async () => {
    redis = await startRedisServer({ appendonly: true });
    dataDir = redis.dir;
    llm = await startFakeLlmServer({ latencyMs: 100 });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await open?.close();
    await store?.close();
    await llm.close();
    await redis.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    work.dispose();
  });

  it(`${PAPERS} papers, Redis killed, then SIGTERM: the worker exits within the deadline`, async () => {
    const startedAt = performance.now();
    const env = workerEnv({
      redisUrl: redis.url,
      prefix: 'faults-sigterm',
      dbFile: work.dbFile,
      llmBaseUrl: llm.baseUrl,
      extra: { PAPERBRIEF_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
    });
    expect((await runCli(['enqueue', work.papersFile], env)).code).toBe(0);
    store = createSqliteStore({ path: work.dbFile });
    const first = spawnSummarizeWorker(env);
    workers.push(first);
    await waitFor('40 briefs', async () => ((await store?.count()) ?? 0) >= 40, 30_000);

    const killed = new Promise((resolve) => redis.process.once('exit', resolve));
    redis.process.kill('SIGKILL');
    await killed;
    const briefsAtKill = await store.count();
    await waitFor('the worker to see Redis gone', () =>
      /redis connection error|ECONNREFUSED/i.test(first.output()),
    );
    const signalledAt = performance.now();
    first.child.kill('SIGTERM');
    const exit = await Promise.race([
      first.exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_BOUND_MS + 20_000)),
    ]);
    const exitMs = performance.now() - signalledAt;

    redis = await startRedisServer({ port: redis.port, dir: dataDir, appendonly: true });
    const second = spawnSummarizeWorker(env);
    workers.push(second);
    open = await openQueues({ redisUrl: redis.url, prefix: 'faults-sigterm' });
    const unsettled = await settleWithin(open.queues.summarize, PAPERS, 90_000);
    const outcome = await queueOutcome(papers, open.queues.summarize, store);
    const mismatches = [
      ...(exit === undefined ? ['the worker did not exit'] : []),
      ...(exitMs <= EXIT_BOUND_MS
        ? []
        : [`exited ${Math.round(exitMs)} ms after SIGTERM (bound ${EXIT_BOUND_MS})`]),
      ...(unsettled ? [unsettled] : []),
    ];
    const row = recordFaultRow({
      scenario: `SIGTERM while Redis is down (${PAPERS} papers)`,
      ...outcome.row,
      crashes: second.child.exitCode === null ? 0 : 1,
      mismatches,
      notes:
        `own redis-server killed at ${briefsAtKill} briefs; SIGTERM: exit code ${exit?.code ?? 'none'} ` +
        `after ${(exitMs / 1000).toFixed(1)} s (PAPERBRIEF_SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS} + 5 s grace); ` +
        `Redis restarted, a new worker finished the queue; ${llm.calls.length} LLM calls` +
        (outcome.reasons.size > 0 ? `; failed: ${describeReasons(outcome.reasons)}` : ''),
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row, outcome.problems);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
