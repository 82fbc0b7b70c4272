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

const PAPERS = 600;

/** How many times a worker process has logged a lost Redis connection so far. */
function connectionErrors(worker: ChildRun): number {
  return worker.output().match(/redis connection error|ECONNREFUSED|Connection is closed/gi)?.length ?? 0;
}

/**
 * Redis itself goes away mid-run: the suite's own `redis-server` (appendonly yes, fsync always)
 * on a free port is stopped, later killed, while two worker processes are busy, and each time
 * started again on the same port and data folder. The workers must ride it out (reconnect, no
 * crash) and finish every job; nothing acknowledged before the outage may be lost.
 */
describe.skipIf(!redisServerOnPath())('fault: Redis restarted mid-run', () => {
  const papers = makePapers(PAPERS, 40_001);
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
    llm = await startFakeLlmServer({ latencyMs: 10 });
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

  it('600 papers, Redis stopped, then killed, and started again mid-run: workers reconnect and finish', async () => {
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

    // Once stopped (SIGTERM: Redis flushes and exits), once killed (SIGKILL: only the
    // append-only file, fsynced on every write, is left); each time started again on the same
    // port and data folder once both workers have noticed (their logs say so).
    const outages: string[] = [];
    let stuck: string | undefined;
    for (const [threshold, signal] of [
      [150, 'SIGTERM'],
      [400, 'SIGKILL'],
    ] as const) {
      const reached = await waitFor(
        `${threshold} briefs`,
        async () => ((await store?.count()) ?? 0) >= threshold,
        30_000,
      ).then(
        () => true,
        () => false,
      );
      if (!reached) {
        // Work stopped coming through (say the queue was lost): record the row, then fail.
        stuck = `no progress to ${threshold} briefs after the last outage`;
        break;
      }
      const noticedBefore = workers.map(connectionErrors);
      if (signal === 'SIGTERM') await redis.stop();
      else {
        const exited = new Promise((resolve) => redis.process.once('exit', resolve));
        redis.process.kill('SIGKILL');
        await exited;
      }
      const briefed = await store.count();
      expect(briefed).toBeLessThan(PAPERS); // really mid-run
      outages.push(`${signal} at ${briefed} briefs`);
      await waitFor('both workers to see Redis gone', () =>
        workers.every((worker, index) => connectionErrors(worker) > (noticedBefore[index] ?? 0)),
      );
      redis = await startRedisServer({ port: redis.port, dir: dataDir, appendonly: true });
    }

    open = await openQueues({ redisUrl: redis.url, prefix: 'faults-restart' });
    const summarizeQueue = open.queues.summarize;
    const unsettled = stuck ?? (await settleWithin(summarizeQueue, PAPERS, 90_000));

    const crashes = workers.filter(
      (worker) => worker.child.exitCode !== null || worker.child.signalCode !== null,
    );
    const outcome = await queueOutcome(papers, summarizeQueue, store);
    const row = recordFaultRow({
      scenario: 'redis restart ×2 (600 papers)',
      ...outcome.row,
      crashes: crashes.length,
      notes:
        `own redis-server (appendonly yes, fsync always) down twice (${outages.join(', ')}), restarted on the same port and data; ` +
        `${llm.calls.length} LLM calls for ${PAPERS} papers` +
        (outcome.reasons.size > 0 ? `; failed: ${describeReasons(outcome.reasons)}` : '') +
        (unsettled ? `; ${unsettled}` : ''),
      durationMs: performance.now() - startedAt,
    });

    expectRowPasses(row, outcome.problems);
    expect(unsettled).toBeUndefined();
    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
