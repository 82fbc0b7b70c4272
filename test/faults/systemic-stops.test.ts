import { afterEach, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/index.js';
import { createSqliteStore } from '../../src/stores/index.js';
import { makePapers, waitFor } from '../queue/queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from '../queue/worker-process-kit.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { localRunOutcome, paidCallsAfter } from './local-run-outcome.js';
import { queueOutcome, settleWithin } from './queue-outcome.js';
import { workerEnv } from './worker-env.js';

const redisUrl = testRedisUrl();
const PAPERS = 300;
const CONCURRENCY = 8;
/** The key is revoked (or the server dies) after this many calls: the run is well under way. */
const GOOD_CALLS = 40;

/**
 * Systemic failures mid-run: the API key is revoked, or the LLM server goes away. A local run
 * must stop at once with one message (exit 2 naming OPENAI_API_KEY; exit 1 after 5 connection
 * failures in a row), pay for no call it starts after the first such error (calls in flight
 * excepted: at most the concurrency), and keep every brief stored before. A worker must pause
 * its intake instead of burning every job's attempts, and resume once the key works again.
 */
describe('fault: systemic failures stop early', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function fakeLlm(): Promise<FakeLlmServer> {
    const llm = await startFakeLlmServer({ latencyMs: 5 });
    cleanups.push(() => llm.close().catch(() => undefined));
    return llm;
  }

  it(`wrong key mid-run, summarize (${PAPERS} papers): exit 2, one message, no paid call after`, async () => {
    const startedAt = performance.now();
    const papers = makePapers(PAPERS, 60_001);
    const work = workFolder(papers);
    cleanups.push(() => work.dispose());
    const llm = await fakeLlm();
    llm.setScript((call) => (call.index < GOOD_CALLS ? 'valid' : { kind: 'error', status: 401 }));
    const env = workerEnv({ redisUrl: '', prefix: 'x', dbFile: work.dbFile, llmBaseUrl: llm.baseUrl });
    const run = await runCli(['summarize', work.papersFile, '--out', `${work.folder}/out.jsonl`], {
      ...env,
      REDIS_URL: '',
      PAPERBRIEF_CONCURRENCY: String(CONCURRENCY),
    });
    const store = createSqliteStore({ path: work.dbFile });
    cleanups.push(() => store.close());
    const outcome = await localRunOutcome(papers, store, run.output);
    const firstError = llm.calls.find((call) => call.behaviour !== 'valid')?.index;
    const messages = run.output.match(/OPENAI_API_KEY/g)?.length ?? 0;
    const mismatches = [
      ...(run.code === 2 ? [] : [`exit code ${run.code}, expected 2`]),
      ...(messages === 1 ? [] : [`OPENAI_API_KEY named ${messages} times, expected once`]),
      ...(/\n\s+at /.test(run.output) ? ['a stack trace was printed'] : []),
    ];
    const row = recordFaultRow({
      scenario: `wrong key mid-run, summarize (${PAPERS} papers)`,
      ...outcome.row,
      paidAfterSystemic: paidCallsAfter(llm.calls, firstError),
      concurrency: CONCURRENCY,
      mismatches,
      notes: `key refused (401) from call ${GOOD_CALLS + 1}; ${llm.calls.length} LLM calls in all; exit ${run.code}`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row, outcome.problems);
    expect(llm.calls.length).toBeLessThan(GOOD_CALLS + 2 * CONCURRENCY);
  });

  it(`LLM server down mid-run, summarize (${PAPERS} papers): exit 1 after 5 connection failures`, async () => {
    const startedAt = performance.now();
    const papers = makePapers(PAPERS, 61_001);
    const work = workFolder(papers);
    cleanups.push(() => work.dispose());
    const llm = await fakeLlm();
    let closedAt: number | undefined;
    void llm.waitForCalls(GOOD_CALLS).then(async () => {
      await llm.close();
      closedAt = performance.now();
    });
    const env = workerEnv({ redisUrl: '', prefix: 'x', dbFile: work.dbFile, llmBaseUrl: llm.baseUrl });
    const run = await runCli(['summarize', work.papersFile, '--out', `${work.folder}/out.jsonl`], {
      ...env,
      REDIS_URL: '',
      PAPERBRIEF_CONCURRENCY: String(CONCURRENCY),
    });
    const runMs = performance.now() - startedAt;
    const store = createSqliteStore({ path: work.dbFile });
    cleanups.push(() => store.close());
    const outcome = await localRunOutcome(papers, store, run.output);
    const mismatches = [
      ...(run.code === 1 ? [] : [`exit code ${run.code}, expected 1`]),
      ...(/LLM calls in a row could not connect/.test(run.output) ? [] : ['no stop message']),
      ...(runMs < 30_000 ? [] : [`took ${Math.round(runMs)} ms`]),
    ];
    const row = recordFaultRow({
      scenario: `LLM server down mid-run, summarize (${PAPERS} papers)`,
      ...outcome.row,
      // Nothing can be paid once the server is gone; counted the same way as the other rows.
      paidAfterSystemic: llm.calls.filter((call) => closedAt !== undefined && call.receivedAt > closedAt)
        .length,
      concurrency: CONCURRENCY,
      mismatches,
      notes: `fake server closed after ${GOOD_CALLS} calls; run ended in ${(runMs / 1000).toFixed(1)} s, exit ${run.code}`,
      durationMs: runMs,
    });
    expectRowPasses(row, outcome.problems);
  });

  it.skipIf(!redisUrl)(
    `wrong key mid-run, worker (${PAPERS} papers): intake paused, then resumed`,
    async () => {
      const startedAt = performance.now();
      const papers = makePapers(PAPERS, 62_001);
      const work = workFolder(papers);
      cleanups.push(() => work.dispose());
      const llm = await fakeLlm();
      let refused = false;
      llm.setScript((call) => {
        if (call.index >= GOOD_CALLS) refused = true;
        return refused ? { kind: 'error', status: 401 } : 'valid';
      });
      const prefix = uniquePrefix('faults-key');
      cleanups.push(async () => {
        await deleteKeysWithPrefix(redisUrl as string, prefix);
      });
      const env = workerEnv({
        redisUrl: redisUrl as string,
        prefix,
        dbFile: work.dbFile,
        llmBaseUrl: llm.baseUrl,
        extra: { PAPERBRIEF_CONCURRENCY: String(CONCURRENCY), PAPERBRIEF_INTAKE_RETRY_MS: '300' },
      });
      expect((await runCli(['enqueue', work.papersFile], env)).code).toBe(0);
      const worker: ChildRun = spawnSummarizeWorker(env);
      cleanups.push(async () => {
        worker.child.kill('SIGKILL');
        await worker.exited;
      });
      await waitFor(
        'the worker to pause its intake',
        () => worker.output().includes('intake paused'),
        60_000,
      );
      const firstError = llm.calls.find((call) => call.behaviour !== 'valid')?.index;
      const paidAfter = paidCallsAfter(llm.calls, firstError);
      const open = await openQueues({ redisUrl: redisUrl as string, prefix });
      cleanups.push(() => open.close());
      const waitingAtPause = await open.queues.summarize.getWaitingCount();
      const refusedCalls = llm.calls.filter((call) => call.behaviour !== 'valid').length;

      // The operator fixes the key: the paused worker tries again and drains the queue.
      llm.setScript(() => 'valid');
      refused = false;
      const unsettled = await settleWithin(open.queues.summarize, PAPERS, 90_000);
      const store = createSqliteStore({ path: work.dbFile });
      cleanups.push(() => store.close());
      const outcome = await queueOutcome(papers, open.queues.summarize, store);
      const pauses = worker.output().match(/intake paused/g)?.length ?? 0;
      const row = recordFaultRow({
        scenario: `wrong key mid-run, worker (${PAPERS} papers)`,
        ...outcome.row,
        paidAfterSystemic: paidAfter,
        concurrency: CONCURRENCY,
        crashes: worker.child.exitCode === null ? 0 : 1,
        mismatches: [
          ...(unsettled ? [unsettled] : []),
          ...(outcome.counts.failed > 0 ? ['jobs failed'] : []),
        ],
        notes:
          `401 from call ${GOOD_CALLS + 1}: intake paused ${pauses}× (${refusedCalls} refused calls, ` +
          `${waitingAtPause} jobs kept waiting, none failed); key fixed: all ${PAPERS} briefed, ${llm.calls.length} LLM calls`,
        durationMs: performance.now() - startedAt,
      });
      expectRowPasses(row, outcome.problems);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
  );
});
