import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type OpenQueues } from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { makePapers, waitFor } from '../queue/queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from '../queue/worker-process-kit.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { describeReasons, queueOutcome, settleWithin } from './queue-outcome.js';
import { workerEnv } from './worker-env.js';

const redisUrl = testRedisUrl();
const PAPERS = 1_000;

/**
 * Worker processes (workers/summarize.ts, the real entrypoint) SIGKILL-ed twice in the middle of
 * a 1,000-paper run, each replaced by a fresh one. The dead workers' jobs come back when their
 * locks expire (2 s here) and the pipeline's store check keeps a re-run from storing twice.
 */
describe.skipIf(!redisUrl)('fault: worker SIGKILL mid-run', () => {
  const url = redisUrl as string;
  const prefix = uniquePrefix('faults-kill');
  const papers = makePapers(PAPERS, 30_001);
  const work = workFolder(papers);
  const workers: ChildRun[] = [];
  const killed = new Set<ChildRun>();
  let llm: FakeLlmServer;
  let store: SqliteStore | undefined;
  let open: OpenQueues | undefined;

  beforeAll(async () => {
    llm = await startFakeLlmServer({ latencyMs: 10 });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await open?.close();
    await store?.close();
    await llm.close();
    work.dispose();
    await deleteKeysWithPrefix(url, prefix);
  });

  it('1,000 papers, two workers killed with SIGKILL: every paper briefed once, none lost', async () => {
    const startedAt = performance.now();
    const env = workerEnv({ redisUrl: url, prefix, dbFile: work.dbFile, llmBaseUrl: llm.baseUrl });
    const enqueue = await runCli(['enqueue', work.papersFile], env);
    expect(enqueue.output).toContain(`enqueued ${PAPERS}, already known 0`);
    store = createSqliteStore({ path: work.dbFile });
    open = await openQueues({ redisUrl: url, prefix });
    const summarizeQueue = open.queues.summarize;
    const start = (): ChildRun => {
      const worker = spawnSummarizeWorker(env);
      workers.push(worker);
      return worker;
    };
    const briefed = async () => (await store?.count()) ?? 0;

    const [first, second] = [start(), start()];
    const inFlightAtKill: number[] = [];
    let stuck: string | undefined;
    for (const [victim, threshold] of [
      [first, 250],
      [second, 600],
    ] as const) {
      const reached = await waitFor(
        `${threshold} briefs`,
        async () => (await briefed()) >= threshold,
        30_000,
      ).then(
        () => true,
        () => false,
      );
      if (!reached) {
        // Work stopped coming through: record the row (what is left counts as lost), then fail.
        stuck = `no progress to ${threshold} briefs`;
        break;
      }
      killed.add(victim);
      victim.child.kill('SIGKILL');
      await victim.exited;
      inFlightAtKill.push((await summarizeQueue.getJobCounts('active')).active ?? 0);
      start();
    }
    const unsettled = stuck ?? (await settleWithin(summarizeQueue, PAPERS, 90_000));

    const crashes = workers.filter((worker) => !killed.has(worker) && worker.child.exitCode !== null);
    const outcome = await queueOutcome(papers, summarizeQueue, store);
    const calls = llm.calls.length;
    const row = recordFaultRow({
      scenario: 'worker SIGKILL ×2 (1,000 papers)',
      ...outcome.row,
      crashes: crashes.length,
      notes:
        `2 of ${workers.length} worker processes SIGKILL-ed at 250 and 600 briefs ` +
        `(${inFlightAtKill.join(' and ')} jobs active just after); ${calls} LLM calls for ${PAPERS} papers` +
        (outcome.reasons.size > 0 ? `; failed: ${describeReasons(outcome.reasons)}` : '') +
        (unsettled ? `; ${unsettled}` : ''),
      durationMs: performance.now() - startedAt,
    });

    expectRowPasses(row, outcome.problems);
    expect(unsettled).toBeUndefined();
    expect(outcome.counts.completed).toBe(PAPERS);
    // Little is run twice: what the dead workers held (8 each), plus the odd false stall when a
    // busy machine delays a lock renewal past the 2 s lock. Never a brief twice (checked above).
    expect(calls - PAPERS).toBeLessThanOrEqual(PAPERS * 0.05);

    // The survivors shut down cleanly.
    const survivors = workers.filter((worker) => !killed.has(worker));
    for (const worker of survivors) worker.child.kill('SIGTERM');
    for (const worker of survivors) expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
