import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { briefKeyOf, type Brief } from '../../src/briefs/brief.js';
import { InvalidInputError, StoreError } from '../../src/errors.js';
import type { BatchRecord } from '../../src/stores/batch-records.js';
import type { Store } from '../../src/stores/store.js';
import type { Paper } from '../../src/papers/paper.js';
import { briefFixture, briefFixtures } from '../support/brief-fixtures.js';
import { describeReadingContract } from './store-contract-reading.js';

/** A clock the test moves by hand; the store reads it for `stored_at`. */
export interface ManualClock {
  now: () => Date;
  advance(milliseconds: number): void;
}

export function manualClock(start = '2026-03-01T00:00:00.000Z'): ManualClock {
  let current = Date.parse(start);
  return { now: () => new Date(current), advance: (milliseconds) => (current += milliseconds) };
}

/** How the contract opens one implementation. */
export interface StoreHarness {
  /** A new, empty store with its own storage (file, schema), and a way to open it again. */
  create(clock: ManualClock): Promise<{ store: Store; reopen: () => Promise<Store> }>;
  /** Removes every storage `create` made. */
  cleanup(): Promise<void>;
}

/** Registers the one store contract for an implementation. Every Store must pass it. */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`${name}: Store contract`, () => {
    const opened: Store[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    afterAll(() => harness.cleanup());

    async function open(clock = manualClock()) {
      const created = await harness.create(clock);
      opened.push(created.store);
      const reopen = async () => {
        const store = await created.reopen();
        opened.push(store);
        return store;
      };
      return { store: created.store, clock, reopen };
    }

    async function everyPage(store: Store, query: { tag?: string; limit?: number }, from?: string) {
      const seen: Brief[] = [];
      let cursor = from;
      for (let pages = 0; pages < 1_000; pages++) {
        const page = await store.list({ ...query, cursor });
        seen.push(...page.briefs);
        if (page.nextCursor === null) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('pagination did not end');
    }

    const ids = (briefs: Brief[]) => briefs.map((brief) => brief.paper.id);

    it('upserts by key: the same key twice keeps one row, created only the first time', async () => {
      const { store } = await open();
      const first = briefFixture();
      const second = briefFixture({
        tldr: 'RouteViT replaces dense attention blocks with routed experts on ImageNet.',
      });
      expect(await store.put(first)).toEqual({ created: true });
      expect(await store.put(second)).toEqual({ created: false });
      expect(await store.count()).toBe(1);
      expect(await store.get(briefKeyOf(first))).toEqual(second);
    });

    it('keeps one brief per prompt version, model and provider', async () => {
      const { store } = await open();
      const v1 = briefFixture();
      const v2 = briefFixture({ provenance: { prompt_version: 'v2' } });
      const otherModel = briefFixture({ provenance: { provider: 'openai', model: 'gpt-4o-mini' } });
      for (const brief of [v1, v2, otherModel]) expect(await store.put(brief)).toEqual({ created: true });
      expect(await store.count()).toBe(3);
      expect(await store.get(briefKeyOf(v1))).toEqual(v1);
      expect(await store.get(briefKeyOf(v2))).toEqual(v2);
      expect(await store.get(briefKeyOf(otherModel))).toEqual(otherModel);
      expect(await store.get({ ...briefKeyOf(v1), promptVersion: 'v3' })).toBeUndefined();
    });

    it('round-trips the Brief JSON exactly', async () => {
      const { store } = await open();
      const brief = briefFixture({
        paper: {
          id: 'cs/0112017',
          title: 'Ünïcode “quotes”, emoji 🧪, a NUL \u0000 and a \\times',
          url: null,
        },
        method_name: null,
        code_url: null,
        provenance: {
          usage: { prompt_tokens: 1200, completion_tokens: 345, cached_tokens: 1024, cost_usd: 0.000123 },
        },
      });
      await store.put(brief);
      const stored = await store.get(briefKeyOf(brief));
      expect(stored).toEqual(brief);
      expect(JSON.stringify(stored)).toBe(JSON.stringify(brief));
      expect((await store.list()).briefs).toEqual([brief]);
      expect(await store.latestForPaper('cs/0112017')).toEqual(brief);
    });

    it('finds the latest brief of a paper, whatever its provider', async () => {
      const { store, clock } = await open();
      const extractive = briefFixture();
      const openai = briefFixture({ provenance: { provider: 'openai', model: 'gpt-4o-mini' } });
      await store.put(extractive);
      clock.advance(1_000);
      await store.put(openai);
      expect(await store.latestForPaper('2406.04312')).toEqual(openai);
      clock.advance(1_000);
      const rebriefed = briefFixture({
        tldr: 'RouteViT was briefed again, and this newer brief must now come first.',
      });
      await store.put(rebriefed);
      expect(await store.latestForPaper('2406.04312')).toEqual(rebriefed);
      expect(await store.latestForPaper('2406.99999')).toBeUndefined();
    });

    it('filters the list by tag and by stored time', async () => {
      const { store, clock } = await open();
      const briefs = briefFixtures(6, (index) => ({
        tags: index % 2 === 0 ? ['diffusion', 'video'] : ['robotics'],
      }));
      for (const brief of briefs) {
        await store.put(brief);
        clock.advance(60_000);
      }
      expect(ids((await store.list({ tag: 'diffusion' })).briefs)).toEqual([
        '2406.10000',
        '2406.10002',
        '2406.10004',
      ]);
      expect(ids((await store.list({ tag: 'robotics' })).briefs)).toEqual([
        '2406.10001',
        '2406.10003',
        '2406.10005',
      ]);
      expect((await store.list({ tag: 'no-such-tag' })).briefs).toEqual([]);
      // Stored at 00:00, 00:01, ... 00:05; `since` is inclusive.
      expect(ids((await store.list({ since: '2026-03-01T00:03:00.000Z' })).briefs)).toEqual([
        '2406.10003',
        '2406.10004',
        '2406.10005',
      ]);
      expect(ids((await store.list({ since: '2026-03-01T00:03:00+00:00', tag: 'video' })).briefs)).toEqual([
        '2406.10004',
      ]);
      expect((await store.list({ since: '2026-03-02' })).briefs).toEqual([]);
    });

    it('replacing a brief replaces its tags and moves it to its new stored time', async () => {
      const { store, clock } = await open();
      const [first, second] = briefFixtures(2, () => ({ tags: ['diffusion'] })) as [Brief, Brief];
      await store.put(first);
      clock.advance(1_000);
      await store.put(second);
      clock.advance(1_000);
      await store.put({ ...first, tags: ['robotics', 'robotics'] });
      expect(ids((await store.list({ tag: 'diffusion' })).briefs)).toEqual(['2406.10001']);
      expect(ids((await store.list({ tag: 'robotics' })).briefs)).toEqual(['2406.10000']);
      expect(ids((await store.list()).briefs)).toEqual(['2406.10001', '2406.10000']);
      expect(ids((await store.list({ since: '2026-03-01T00:00:02.000Z' })).briefs)).toEqual(['2406.10000']);
    });

    it('pages through 120 briefs in a stable order with no duplicates or gaps', async () => {
      const { store, clock } = await open();
      // Put in a scrambled order, ten briefs to each stored time, so pages also break between
      // briefs that only their key orders.
      const briefs = briefFixtures(120, (index) => ({ tags: index % 3 === 0 ? ['diffusion'] : [] }));
      const putOrder = briefs.map((_, index) => briefs[(index * 37) % 120] as Brief);
      for (const [position, brief] of putOrder.entries()) {
        if (position % 10 === 0) clock.advance(1_000);
        await store.put(brief);
      }
      const expectedOrder: string[] = [];
      for (let group = 0; group < 12; group++)
        expectedOrder.push(...ids(putOrder.slice(group * 10, group * 10 + 10)).sort());
      const tagged = new Set(ids(briefs.filter((brief) => brief.tags.length > 0)));

      const all = await everyPage(store, { limit: 7 });
      expect(ids(all)).toEqual(expectedOrder);
      expect(new Set(ids(all)).size).toBe(120);
      expect(ids(await everyPage(store, { limit: 500 }))).toEqual(expectedOrder);
      expect(ids(await everyPage(store, {}))).toEqual(expectedOrder);
      expect(ids(await everyPage(store, { tag: 'diffusion', limit: 4 }))).toEqual(
        expectedOrder.filter((id) => tagged.has(id)),
      );
      expect(await store.count()).toBe(120);

      const firstPage = await store.list();
      expect(firstPage.briefs).toHaveLength(50);
      expect(firstPage.nextCursor).not.toBeNull();
    });

    it('keeps paging correctly while new briefs arrive', async () => {
      const { store, clock } = await open();
      for (const brief of briefFixtures(10)) {
        clock.advance(1);
        await store.put(brief);
      }
      const first = await store.list({ limit: 4 });
      clock.advance(1);
      const late = briefFixture({ paper: { id: '2407.00001' } });
      await store.put(late);
      expect(first.nextCursor).not.toBeNull();
      const rest = await everyPage(store, { limit: 4 }, first.nextCursor ?? undefined);
      const seen = ids([...first.briefs, ...rest]);
      expect(seen).toHaveLength(11);
      expect(new Set(seen).size).toBe(11);
      expect(seen.at(-1)).toBe('2407.00001');
    });

    it('ends with a null cursor and refuses cursors and limits it did not make', async () => {
      const { store } = await open();
      expect(await store.list()).toEqual({ briefs: [], nextCursor: null });
      await store.put(briefFixture());
      expect((await store.list({ limit: 1 })).nextCursor).toBeNull();
      await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidInputError);
      const forged = Buffer.from(JSON.stringify({ v: 2 })).toString('base64url');
      await expect(store.list({ cursor: forged })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.list({ limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.list({ limit: 2.5 })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.list({ since: 'yesterday' })).rejects.toBeInstanceOf(InvalidInputError);
    });

    it('refuses to store something that is not a Brief v1', async () => {
      const { store } = await open();
      const invalid = { ...briefFixture(), tags: ['Not Kebab'] } as Brief;
      await expect(store.put(invalid)).rejects.toMatchObject({ name: 'StoreError', code: 'invalid_brief' });
      await expect(store.put(invalid)).rejects.toBeInstanceOf(StoreError);
      expect(await store.count()).toBe(0);
    });

    it('stores one brief when the same key is put concurrently', async () => {
      const { store } = await open();
      const variants = Array.from({ length: 25 }, (_, index) =>
        briefFixture({
          tldr: `Variant ${index} of the RouteViT brief, written at the same moment as the others.`,
        }),
      );
      const others = briefFixtures(10);
      const results = await Promise.all([...variants, ...others].map((brief) => store.put(brief)));
      expect(results.slice(0, 25).filter((result) => result.created)).toHaveLength(1);
      expect(results.slice(25).every((result) => result.created)).toBe(true);
      expect(await store.count()).toBe(11);
      const stored = await store.get(briefKeyOf(variants[0] as Brief));
      expect(variants).toContainEqual(stored);
      expect(ids((await store.list({ tag: 'mixture-of-experts', limit: 500 })).briefs).sort()).toEqual(
        ['2406.04312', ...ids(others)].sort(),
      );
    });

    describeReadingContract(open);

    it('finds its data again after closing and reopening', async () => {
      const { store, reopen } = await open();
      const briefs = briefFixtures(3);
      for (const brief of briefs) await store.put(brief);
      await store.close();
      await store.close(); // closing twice is harmless
      const again = await reopen();
      expect(await again.count()).toBe(3);
      expect(await again.get(briefKeyOf(briefs[1] as Brief))).toEqual(briefs[1]);
      expect(await again.put(briefs[0] as Brief)).toEqual({ created: false });
      expect(ids(await again.search({ q: 'routevit' })).sort()).toEqual(ids(briefs).sort());
    });

    describe('batch records', () => {
      const key = { provider: 'openai', model: 'gpt-4o-mini', promptVersion: 'brief.v1-test' };
      const batchRecord = (id: string, createdAt: string, extra: Partial<BatchRecord> = {}): BatchRecord => ({
        id,
        providerBatchId: null,
        ...key,
        status: 'uploading',
        inputFileId: null,
        outputFileId: null,
        errorFileId: null,
        requestCount: 3,
        estimatedCostUsd: 0.0123,
        createdAt,
        updatedAt: createdAt,
        collectedAt: null,
        detail: null,
        ...extra,
      });
      const papers = (prefix: string): Array<{ customId: string; paper: Paper }> =>
        [3, 1, 2].map((number) => ({
          customId: `${prefix}/${number}`,
          paper: {
            id: `2406.0000${number}`,
            title: `Paper ${number}`,
            abstract: `Abstract of paper ${number}, with 1.5% more.`,
            source: 'jsonl',
          },
        }));
      const claim = (at: string, by = 'collector-a') => ({ by, at, staleBefore: '2026-03-01T00:00:00.000Z' });

      it('records a batch with its papers, finds it by either id, and lists newest first', async () => {
        const { store } = await open();
        await store.addBatch(batchRecord('pbb-1', '2026-03-01T00:00:00.000Z'), papers('pbb-1'));
        await store.addBatch(batchRecord('pbb-2', '2026-03-01T00:01:00.000Z'), papers('pbb-2'));
        await store.updateBatch(
          'pbb-1',
          { providerBatchId: 'batch_abc', status: 'in_progress', inputFileId: 'file-1' },
          '2026-03-01T00:02:00.000Z',
        );
        const byProvider = await store.getBatch('batch_abc');
        expect(byProvider).toMatchObject({
          id: 'pbb-1',
          providerBatchId: 'batch_abc',
          status: 'in_progress',
          inputFileId: 'file-1',
          estimatedCostUsd: 0.0123,
          requestCount: 3,
          updatedAt: '2026-03-01T00:02:00.000Z',
          papers: { pending: 3, claimed: 0, briefed: 0, failed: 0 },
        });
        expect(await store.getBatch('pbb-1')).toEqual(byProvider);
        expect(await store.getBatch('batch_nope')).toBeUndefined();
        expect((await store.listBatches()).map((batch) => batch.id)).toEqual(['pbb-2', 'pbb-1']);
        const stored = await store.batchPapers('pbb-1');
        expect(stored.map((paper) => paper.customId)).toEqual(['pbb-1/3', 'pbb-1/1', 'pbb-1/2']);
        expect(stored[0]).toEqual({
          batchId: 'pbb-1',
          ...papers('pbb-1')[0],
          paperId: '2406.00003',
          state: 'pending',
          reason: null,
        });
      });

      it('claims a paper for one collector at a time; a stale claim is taken over', async () => {
        const { store } = await open();
        await store.addBatch(batchRecord('pbb-1', '2026-03-01T00:00:00.000Z'), papers('pbb-1'));
        expect(await store.claimBatchPaper('pbb-1', 'pbb-1/1', claim('2026-03-01T00:10:00.000Z'))).toBe(true);
        expect(
          await store.claimBatchPaper('pbb-1', 'pbb-1/1', claim('2026-03-01T00:10:01.000Z', 'collector-b')),
        ).toBe(false);
        // collector-b decides collector-a died: its claim is older than staleBefore.
        expect(
          await store.claimBatchPaper('pbb-1', 'pbb-1/1', {
            by: 'collector-b',
            at: '2026-03-01T00:30:00.000Z',
            staleBefore: '2026-03-01T00:20:00.000Z',
          }),
        ).toBe(true);
        expect(await store.settleBatchPaper('pbb-1', 'pbb-1/1', 'collector-a', { state: 'briefed' })).toBe(
          false,
        );
        expect(await store.settleBatchPaper('pbb-1', 'pbb-1/1', 'collector-b', { state: 'briefed' })).toBe(
          true,
        );
        expect(await store.claimBatchPaper('pbb-1', 'pbb-1/1', claim('2026-03-01T01:00:00.000Z'))).toBe(
          false,
        );

        expect(await store.claimBatchPaper('pbb-1', 'pbb-1/2', claim('2026-03-01T00:10:00.000Z'))).toBe(true);
        expect(await store.settleBatchPaper('pbb-1', 'pbb-1/2', 'collector-a', { state: 'pending' })).toBe(
          true,
        );
        expect(await store.claimBatchPaper('pbb-1', 'pbb-1/2', claim('2026-03-01T00:11:00.000Z', 'c'))).toBe(
          true,
        );
        expect(
          await store.settleBatchPaper('pbb-1', 'pbb-1/2', 'c', { state: 'failed', reason: 'batch_expired' }),
        ).toBe(true);
        expect((await store.getBatch('pbb-1'))?.papers).toEqual({
          pending: 1,
          claimed: 0,
          briefed: 1,
          failed: 1,
        });
        expect((await store.batchPapers('pbb-1')).find((paper) => paper.customId === 'pbb-1/2')?.reason).toBe(
          'batch_expired',
        );
      });

      it('papers in open batches: waiting ones of the same key, not those of ended batches', async () => {
        const { store } = await open();
        await store.addBatch(batchRecord('pbb-1', '2026-03-01T00:00:00.000Z'), papers('pbb-1'));
        await store.addBatch(
          batchRecord('pbb-2', '2026-03-01T00:00:00.000Z', { status: 'expired' }),
          papers('pbb-2').map((entry) => ({ ...entry, paper: { ...entry.paper, id: `x${entry.paper.id}` } })),
        );
        await store.addBatch(
          batchRecord('pbb-3', '2026-03-01T00:00:00.000Z', { model: 'gpt-4.1' }),
          papers('pbb-3').map((entry) => ({ ...entry, paper: { ...entry.paper, id: `y${entry.paper.id}` } })),
        );
        await store.claimBatchPaper('pbb-1', 'pbb-1/3', claim('2026-03-01T00:10:00.000Z'));
        await store.claimBatchPaper('pbb-1', 'pbb-1/1', claim('2026-03-01T00:10:00.000Z'));
        await store.settleBatchPaper('pbb-1', 'pbb-1/1', 'collector-a', { state: 'briefed' });
        expect([...(await store.papersInOpenBatches(key))].sort()).toEqual(['2406.00002', '2406.00003']);
      });

      it('keeps batch records across a reopen', async () => {
        const { store, reopen } = await open();
        await store.addBatch(batchRecord('pbb-1', '2026-03-01T00:00:00.000Z'), papers('pbb-1'));
        await store.close();
        const again = await reopen();
        expect((await again.getBatch('pbb-1'))?.papers.pending).toBe(3);
      });
    });
  });
}
