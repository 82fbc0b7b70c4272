import { afterEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/briefs/brief.js';
import { collectBatch, submitBatch } from '../../src/batch/index.js';
import { batchPrice, costUsd, DEFAULT_PRICES, priceFor } from '../../src/cost/price-table.js';
import type { Store } from '../../src/stores/store.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { ungroundedValues } from '../summarizers/openai/openai-test-kit.js';
import { backlogPapers, batchDeps, batchLineCalls, syncCalls, temporaryStore } from './batch-test-kit.js';

/** Every stored brief, by paper id; fails on a paper stored twice. */
async function storedBriefs(store: Store): Promise<Map<string, Brief>> {
  const briefs = new Map<string, Brief>();
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 500, cursor });
    for (const brief of page.briefs) {
      expect(briefs.has(brief.paper.id)).toBe(false);
      briefs.set(brief.paper.id, brief);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return briefs;
}

/** A store that counts puts: "no brief stored twice" means no put of a paper after its first. */
function countingPuts(store: Store, onPut: (count: number) => void = () => undefined) {
  const puts = new Map<string, number>();
  let total = 0;
  const wrapped: Store = Object.create(store) as Store;
  wrapped.put = async (brief) => {
    puts.set(brief.paper.id, (puts.get(brief.paper.id) ?? 0) + 1);
    onPut(++total);
    return store.put(brief);
  };
  return { store: wrapped, puts, total: () => total };
}

describe('batch submit → collect through the real openai SDK', () => {
  let server: FakeLlmServer;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await server?.close();
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('a 500-paper backlog across two batch files: every paper briefed once, grounded, at half price', async () => {
    server = await startFakeLlmServer({ batch: { outOfOrder: true, maxRequestsPerBatch: 250 } });
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const deps = batchDeps(server, store);
    const papers = backlogPapers(500);

    const submitted = await submitBatch(papers, deps, { maxRequestsPerFile: 250 });
    expect(submitted.batches.map((batch) => batch.requests)).toEqual([250, 250]);
    expect(server.batch.batches.size).toBe(2);
    // Nothing is answered before the batches run; a collect now reports them not ready.
    const early = await collectBatch(submitted.batches[0]!.id, deps);
    expect(early.ready).toBe(false);
    expect(early.batch.status).toBe('validating');

    for (const batch of submitted.batches) await server.batch.process(batch.providerBatchId!);
    // Submitting again while they wait to be collected sends nothing.
    const again = await submitBatch(papers, deps, { maxRequestsPerFile: 250 });
    expect(again).toMatchObject({ toBrief: 0, inOpenBatch: 500, batches: [] });

    const results = [];
    for (const batch of submitted.batches) results.push(await collectBatch(batch.providerBatchId!, deps));
    expect(results.map((result) => [result.ready, result.briefed, result.failed.length])).toEqual([
      [true, 250, 0],
      [true, 250, 0],
    ]);
    expect(results.every((result) => result.batch.collectedAt !== null)).toBe(true);

    const briefs = await storedBriefs(store);
    expect(briefs.size).toBe(500);
    expect(syncCalls(server)).toHaveLength(0);
    expect(batchLineCalls(server)).toHaveLength(500);
    const price = priceFor(DEFAULT_PRICES, 'gpt-4o-mini');
    for (const paper of papers) {
      const brief = briefs.get(paper.id)!;
      expect(ungroundedValues(brief, paper)).toEqual([]);
      expect(brief.claimed_results.length).toBeGreaterThan(0);
      expect(submitted.batches.map((batch) => batch.providerBatchId)).toContain(brief.provenance.batch_id);
      const { cost_usd, ...usage } = brief.provenance.usage;
      expect(cost_usd).toBeGreaterThan(0);
      expect(cost_usd).toBeCloseTo(costUsd(usage, batchPrice(price)), 12);
      expect(cost_usd).toBeCloseTo(costUsd(usage, price) / 2, 12);
    }
    // And a third submit finds them all stored.
    expect(await submitBatch(papers, deps)).toMatchObject({ toBrief: 0, stored: 500 });
  });

  it('answers needing repair: one synchronous call each, nothing more', async () => {
    const papers = backlogPapers(40);
    const needRepair = new Set(papers.filter((_, index) => index % 4 === 0).map((paper) => paper.title));
    server = await startFakeLlmServer({
      script: (call) =>
        call.headers['x-fake-batch'] !== undefined && needRepair.has(call.paper?.title ?? '')
          ? call.paperCall === 1 && call.index % 2 === 0
            ? 'ungrounded'
            : 'schema-invalid'
          : 'valid',
    });
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const deps = batchDeps(server, store);
    const [batch] = (await submitBatch(papers, deps)).batches;
    await server.batch.process(batch!.providerBatchId!);
    const result = await collectBatch(batch!.id, deps);
    expect(result).toMatchObject({ briefed: 40, repaired: 10, syncCalls: 10, failed: [] });
    expect(syncCalls(server)).toHaveLength(10);
    expect(syncCalls(server).every((call) => call.isRepair)).toBe(true);
    const briefs = await storedBriefs(store);
    for (const paper of papers) {
      const brief = briefs.get(paper.id)!;
      expect(ungroundedValues(brief, paper)).toEqual([]);
      expect(brief.provenance.attempts).toBe(needRepair.has(paper.title) ? 2 : 1);
    }
  });

  it('a collect interrupted and re-run, and two collects at once: no brief stored twice, no paper lost', async () => {
    server = await startFakeLlmServer();
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const papers = backlogPapers(300);
    const stop = new AbortController();
    const counted = countingPuts(store, (count) => {
      if (count === 100) stop.abort();
    });
    const deps = { ...batchDeps(server, store), store: counted.store };
    const [batch] = (await submitBatch(papers, deps)).batches;
    await server.batch.process(batch!.providerBatchId!);

    const interrupted = await collectBatch(batch!.id, deps, { signal: stop.signal, concurrency: 4 });
    expect(interrupted.briefed).toBeGreaterThanOrEqual(100);
    expect(interrupted.briefed).toBeLessThan(300);
    expect(interrupted.batch.collectedAt).toBeNull();
    expect(interrupted.batch.papers.claimed).toBe(0); // claims in hand were settled

    // A collect that died holding claims: they go stale and are taken over.
    const open = (await store.batchPapers(batch!.id)).filter((paper) => paper.state === 'pending');
    for (const paper of open.slice(0, 5)) {
      await store.claimBatchPaper(batch!.id, paper.customId, {
        by: 'dead-collect',
        at: '2026-01-01T00:00:00.000Z',
        staleBefore: '2026-01-01T00:00:00.000Z',
      });
    }
    const [first, second] = await Promise.all([
      collectBatch(batch!.id, deps, { concurrency: 3 }),
      collectBatch(batch!.id, deps, { concurrency: 3 }),
    ]);
    expect(interrupted.briefed + first.briefed + second.briefed).toBe(300);
    expect(first.failed.length + second.failed.length).toBe(0);
    expect(counted.total()).toBe(300);
    expect([...counted.puts.values()].every((count) => count === 1)).toBe(true);
    expect((await storedBriefs(store)).size).toBe(300);
    const final = await store.getBatch(batch!.id);
    expect(final?.papers).toEqual({ pending: 0, claimed: 0, briefed: 300, failed: 0 });
    expect(final?.collectedAt).not.toBeNull();
    // Collecting a third time finds nothing to do.
    expect(await collectBatch(batch!.id, deps)).toMatchObject({ ready: true, briefed: 0, takenByOthers: 0 });
  });

  it('an expired batch: its answers are briefed, the rest reported and submitted again', async () => {
    server = await startFakeLlmServer();
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const deps = batchDeps(server, store);
    const papers = backlogPapers(100);
    const [batch] = (await submitBatch(papers, deps)).batches;
    await server.batch.expire(batch!.providerBatchId!, 30);
    const result = await collectBatch(batch!.id, deps);
    expect(result.batch.status).toBe('expired');
    expect(result.briefed).toBe(30);
    expect(result.failed).toHaveLength(70);
    expect(new Set(result.failed.map((failure) => failure.reason.split(':')[0]))).toEqual(
      new Set(['batch_expired']),
    );

    const resubmitted = await submitBatch(papers, deps);
    expect(resubmitted).toMatchObject({ toBrief: 70, stored: 30, inOpenBatch: 0 });
    await server.batch.process(resubmitted.batches[0]!.providerBatchId!);
    expect(await collectBatch(resubmitted.batches[0]!.id, deps)).toMatchObject({ briefed: 70 });
    expect((await storedBriefs(store)).size).toBe(100);
  });

  it('failed lines and a failed batch are reported with their reason; their papers may be sent again', async () => {
    server = await startFakeLlmServer({
      script: (call) =>
        call.headers['x-fake-batch'] !== undefined && call.index % 10 === 3
          ? { kind: 'error', status: 500 }
          : 'valid',
    });
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const deps = batchDeps(server, store);
    const [batch] = (await submitBatch(backlogPapers(50), deps)).batches;
    await server.batch.process(batch!.providerBatchId!);
    const result = await collectBatch(batch!.id, deps);
    expect(result.briefed + result.failed.length).toBe(50);
    expect(result.failed.length).toBeGreaterThan(0);
    expect(result.failed.every((failure) => failure.reason.startsWith('http_500'))).toBe(true);

    const [other] = (await submitBatch(backlogPapers(5, 'Other'), deps)).batches;
    server.batch.failValidation(other!.providerBatchId!, 'line 3: bad request');
    const failed = await collectBatch(other!.id, deps);
    expect(failed.batch).toMatchObject({ status: 'failed', detail: 'invalid_request: line 3: bad request' });
    expect(failed.failed).toHaveLength(5);
    expect((await submitBatch(backlogPapers(5, 'Other'), deps)).toBrief).toBe(5);
  });
});
