import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openQueues } from '../../src/queue/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { makePapers, waitFor } from '../queue/queue-test-kit.js';
import { runCli, spawnSummarizeWorker, workFolder, type ChildRun } from '../queue/worker-process-kit.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { localRunOutcome } from './local-run-outcome.js';
import { queueOutcome, settleWithin } from './queue-outcome.js';
import { canMountTmpfs, mountSmallDisk, type SmallDisk } from './small-disk.js';
import { workerEnv } from './worker-env.js';

const redisUrl = testRedisUrl();
const PAPERS = 300;
const CONCURRENCY = 8;
/** Room left on the disk once filled: a few dozen briefs' worth of WAL frames. */
const HEADROOM = 400_000;

/**
 * The disk under the SQLite store fills up mid-run: a tmpfs of a few megabytes mounted for the
 * scenario, filled by a filler file but for some room. `summarize` must stop starting papers at
 * the first failed write (exit 1, one message; no LLM call for a paper it cannot store beyond
 * those in flight) and keep what it stored; a worker must pause its intake, keep every job, and
 * finish them all once room is made.
 */
describe.skipIf(!canMountTmpfs())('fault: disk full under the store', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A store on a fresh small disk, its `-shm` allocated, then the disk filled but for HEADROOM. */
  function fullDiskStore(): { disk: SmallDisk; dbFile: string; store: SqliteStore } {
    const disk = mountSmallDisk(8 * 1024 * 1024);
    cleanups.push(() => disk.dispose());
    const dbFile = join(disk.dir, 'briefs.db');
    const store = createSqliteStore({ path: dbFile });
    cleanups.push(() => store.close());
    disk.allocate(`${dbFile}-shm`);
    disk.fill(HEADROOM);
    return { disk, dbFile, store };
  }

  it('the write probe fails on a disk with room for a page but not for a brief', async () => {
    const { disk, store } = fullDiskStore();
    disk.makeRoom();
    disk.fill(64 * 1024); // room for a page, not for a brief
    await expect(store.checkWritable()).rejects.toMatchObject({ code: 'store_unwritable' });
    disk.makeRoom();
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });

  it(`disk full mid-run, summarize (${PAPERS} papers): stops at the first failed write, exit 1`, async () => {
    const startedAt = performance.now();
    const papers = makePapers(PAPERS, 63_001);
    const work = workFolder(papers);
    cleanups.push(() => work.dispose());
    const llm = await startFakeLlmServer();
    cleanups.push(() => llm.close());
    const { disk, dbFile, store } = fullDiskStore();
    const env = workerEnv({ redisUrl: '', prefix: 'x', dbFile, llmBaseUrl: llm.baseUrl });
    const run = await runCli(['summarize', work.papersFile, '--out', join(work.folder, 'out.jsonl')], {
      ...env,
      REDIS_URL: '',
      PAPERBRIEF_CONCURRENCY: String(CONCURRENCY),
    });
    const outcome = await localRunOutcome(papers, store, run.output);
    const paid = llm.calls.filter((call) => call.behaviour === 'valid').length;
    const stored = outcome.row.briefsStored;
    const messages = run.output.match(/store cannot take writes/g)?.length ?? 0;
    const mismatches = [
      ...(run.code === 1 ? [] : [`exit code ${run.code}, expected 1`]),
      ...(messages === 1 ? [] : [`"store cannot take writes" said ${messages} times, expected once`]),
      ...(stored > 0 && stored < PAPERS ? [] : [`${stored} briefs stored: the disk did not fill mid-run`]),
    ];
    const row = recordFaultRow({
      scenario: `disk full mid-run, summarize (${PAPERS} papers)`,
      ...outcome.row,
      // The call whose brief hit the full disk is the first systemic error; others in flight paid too.
      paidAfterSystemic: Math.max(0, paid - stored - 1),
      concurrency: CONCURRENCY,
      mismatches,
      notes: `8 MB tmpfs filled but ${HEADROOM / 1000} kB; ${paid} paid LLM calls for ${stored} briefs; ${disk.free()} bytes free at the end; exit ${run.code}`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row, outcome.problems);
  });

  it.skipIf(!redisUrl)(
    `disk full mid-run, worker (${PAPERS} papers): intake paused until room is made`,
    async () => {
      const startedAt = performance.now();
      const papers = makePapers(PAPERS, 64_001);
      const work = workFolder(papers);
      cleanups.push(() => work.dispose());
      const llm = await startFakeLlmServer({ latencyMs: 5 });
      cleanups.push(() => llm.close());
      const { disk, dbFile, store } = fullDiskStore();
      const prefix = uniquePrefix('faults-disk');
      cleanups.push(async () => {
        await deleteKeysWithPrefix(redisUrl as string, prefix);
      });
      const env = workerEnv({
        redisUrl: redisUrl as string,
        prefix,
        dbFile,
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
      const storedAtPause = await store.count();
      const callsAtPause = llm.calls.length;
      // Paused means paused: while the disk stays full, probes fail and no job (no LLM call) starts.
      await waitFor('a failed probe', () => worker.output().includes('store still takes no writes'), 10_000);
      const callsWhileFull = llm.calls.length - callsAtPause;

      disk.makeRoom();
      const open = await openQueues({ redisUrl: redisUrl as string, prefix });
      cleanups.push(() => open.close());
      const unsettled = await settleWithin(open.queues.summarize, PAPERS, 90_000);
      const outcome = await queueOutcome(papers, open.queues.summarize, store);
      const paid = llm.calls.filter((call) => call.behaviour === 'valid').length;
      const row = recordFaultRow({
        scenario: `disk full mid-run, worker (${PAPERS} papers)`,
        ...outcome.row,
        paidAfterSystemic: Math.max(0, paid - outcome.row.briefsStored - 1),
        concurrency: CONCURRENCY,
        crashes: worker.child.exitCode === null ? 0 : 1,
        mismatches: [
          ...(unsettled ? [unsettled] : []),
          ...(outcome.counts.failed > 0 ? [`${outcome.counts.failed} jobs failed`] : []),
          ...(callsWhileFull <= CONCURRENCY ? [] : [`${callsWhileFull} LLM calls while paused`]),
        ],
        notes:
          `8 MB tmpfs filled but ${HEADROOM / 1000} kB: intake paused at ${storedAtPause} briefs, ` +
          `${callsWhileFull} LLM calls while full; filler deleted: all ${PAPERS} stored after ${paid} paid calls`,
        durationMs: performance.now() - startedAt,
      });
      expectRowPasses(row, outcome.problems);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
    },
  );
});
