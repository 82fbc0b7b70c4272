import { describe, expect, it } from 'vitest';
import { briefKeyOf, type Brief } from '../../src/briefs/brief.js';
import { InvalidInputError } from '../../src/errors.js';
import type { Store } from '../../src/stores/store.js';
import { briefFixture, briefFixtures } from '../support/brief-fixtures.js';
import type { ManualClock } from './store-contract.js';

/**
 * The reading part of the store contract (registered by describeStoreContract): newest-first
 * lists, full-text search, kept abstracts and paper aliases. `open` gives a new, empty store.
 */
export function describeReadingContract(open: () => Promise<{ store: Store; clock: ManualClock }>): void {
  const ids = (briefs: Brief[]) => briefs.map((brief) => brief.paper.id);

  it('lists newest first with its own cursors, refusing those of the other order', async () => {
    const { store, clock } = await open();
    for (const brief of briefFixtures(7, (index) => ({ tags: index % 2 === 0 ? ['diffusion'] : [] }))) {
      clock.advance(1_000);
      await store.put(brief);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ order: 'newest', limit: 3, cursor });
      seen.push(...ids(page.briefs));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual([
      '2406.10006',
      '2406.10005',
      '2406.10004',
      '2406.10003',
      '2406.10002',
      '2406.10001',
      '2406.10000',
    ]);
    expect(ids((await store.list({ order: 'newest', tag: 'diffusion', limit: 2 })).briefs)).toEqual([
      '2406.10006',
      '2406.10004',
    ]);
    const newest = await store.list({ order: 'newest', limit: 2 });
    const oldest = await store.list({ limit: 2 });
    await expect(store.list({ cursor: newest.nextCursor ?? '' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.list({ order: 'newest', cursor: oldest.nextCursor ?? '' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  describe('search', () => {
    const diffusion = briefFixture({
      paper: { id: '2501.00001', title: 'Fast Video Diffusion with Sparse Attention' },
      method_name: 'SparseVid',
      tldr: 'SparseVid speeds up video diffusion models by pruning attention between distant frames.',
      tags: ['diffusion', 'video'],
      claimed_results: [
        {
          value: '3.1x',
          metric: 'speedup',
          dataset: 'UCF-101',
          comparison: 'dense attention',
          evidence: 'SparseVid is 3.1x faster than dense attention on UCF-101',
        },
      ],
    });
    const robotics = briefFixture({
      paper: { id: '2501.00002', title: 'Grasping Policies from Human Videos' },
      method_name: 'GraspNet++',
      tldr: 'We train robot grasping policies from human videos and transfer them to real arms.',
      tags: ['robotics'],
      claimed_results: [
        {
          value: '78%',
          metric: 'grasp success',
          dataset: 'YCB',
          comparison: 'a diffusion policy baseline',
          evidence: 'reaches 78% grasp success on YCB, beating a diffusion policy baseline',
        },
      ],
    });
    const routevit = briefFixture(); // 'RouteViT: Sparse Expert Routing for Vision Transformers'

    async function filled() {
      const opened = await open();
      for (const brief of [diffusion, robotics, routevit]) {
        await opened.store.put(brief);
        opened.clock.advance(60_000);
      }
      return opened;
    }

    it('ranks a match in the title above one only in the evidence', async () => {
      const { store } = await filled();
      expect(ids(await store.search({ q: 'diffusion' }))).toEqual(['2501.00001', '2501.00002']);
    });

    it('needs every word, matches prefixes, plurals, case and accents, and searches each field', async () => {
      const { store } = await filled();
      expect(ids(await store.search({ q: 'sparse attention' }))).toEqual(['2501.00001']);
      expect(ids(await store.search({ q: 'SPARSE' })).sort()).toEqual(['2406.04312', '2501.00001']);
      expect(ids(await store.search({ q: 'diffus' })).sort()).toEqual(['2501.00001', '2501.00002']);
      expect(ids(await store.search({ q: 'policy' }))).toEqual(['2501.00002']); // "policies"
      expect(ids(await store.search({ q: 'vidéos' })).sort()).toEqual(['2501.00001', '2501.00002']);
      expect(ids(await store.search({ q: 'graspnet' }))).toEqual(['2501.00002']); // method name
      expect(ids(await store.search({ q: 'robotics' }))).toEqual(['2501.00002']); // tag
      expect(ids(await store.search({ q: 'ucf 101' }))).toEqual(['2501.00001']); // dataset, evidence
      expect(ids(await store.search({ q: 'mixture experts' }))).toEqual(['2406.04312']); // tag words
      expect(await store.search({ q: 'quantum' })).toEqual([]);
      expect(await store.search({ q: 'sparse quantum' })).toEqual([]);
    });

    it('combines with tag, since and limit, and returns whole briefs', async () => {
      const { store } = await filled();
      expect(ids(await store.search({ q: 'diffusion', tag: 'robotics' }))).toEqual(['2501.00002']);
      expect(ids(await store.search({ q: 'diffusion', since: '2026-03-01T00:01:00Z' }))).toEqual([
        '2501.00002',
      ]);
      expect(await store.search({ q: 'diffusion', limit: 1 })).toEqual([diffusion]);
    });

    it('treats query syntax as words and refuses a query without any', async () => {
      const { store } = await filled();
      expect(ids(await store.search({ q: '"sparse" AND (NOT) video* -' }))).toEqual([]);
      expect(ids(await store.search({ q: 'sparse OR' }))).toEqual([]);
      expect(ids(await store.search({ q: "speedup: 'dense' ucf" }))).toEqual(['2501.00001']);
      await expect(store.search({ q: ' *:& ' })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.search({ q: 'x', limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    });

    it('follows a replaced brief: old words are gone, new ones found', async () => {
      const { store } = await filled();
      await store.put({
        ...diffusion,
        tldr: 'A rewritten summary about audio generation with transformers.',
      });
      expect(ids(await store.search({ q: 'pruning' }))).toEqual([]);
      expect(ids(await store.search({ q: 'audio' }))).toEqual(['2501.00001']);
      expect(await store.count()).toBe(3);
    });
  });

  it('keeps the abstract a brief was made from, by its input hash', async () => {
    const { store } = await open();
    const brief = briefFixture();
    await store.put(brief, { abstract: 'We propose RouteViT. It obtains 84.8\\% top-1 accuracy.' });
    await store.put(brief, { abstract: 'a second put keeps the first abstract of the same input' });
    expect(await store.abstractFor(brief.provenance.input_hash)).toBe(
      'We propose RouteViT. It obtains 84.8\\% top-1 accuracy.',
    );
    expect(await store.abstractFor('0'.repeat(64))).toBeUndefined();
  });

  it('links an alias to a paper, moving its briefs there and finding them by both ids', async () => {
    const { store, clock } = await open();
    const fromPage = briefFixture({ paper: { id: 't-0123456789abcdef', url: null }, tags: ['diffusion'] });
    const otherModel = briefFixture({
      paper: { id: 't-0123456789abcdef', url: null },
      provenance: { provider: 'openai', model: 'gpt-4o-mini' },
    });
    const already = briefFixture({
      paper: { id: '2406.04312' },
      provenance: { provider: 'openai', model: 'gpt-4o-mini' },
    });
    await store.put(fromPage);
    await store.put(otherModel);
    clock.advance(1_000);
    await store.put(already);
    expect(await store.resolvePaperId('t-0123456789abcdef')).toBe('t-0123456789abcdef');

    // The extractive brief moves; the openai one already exists under the arXiv id and wins.
    expect(await store.linkAlias('t-0123456789abcdef', '2406.04312')).toEqual({ moved: 1 });
    expect(await store.count()).toBe(2);
    expect(await store.resolvePaperId('t-0123456789abcdef')).toBe('2406.04312');
    expect(await store.resolvePaperId('2406.04312')).toBe('2406.04312');
    const moved = await store.get({ ...briefKeyOf(fromPage), paperId: '2406.04312' });
    expect(moved).toEqual({ ...fromPage, paper: { ...fromPage.paper, id: '2406.04312' } });
    expect(await store.get(briefKeyOf(fromPage))).toBeUndefined();
    expect(await store.latestForPaper('t-0123456789abcdef')).toEqual(already);
    expect(ids((await store.list({ tag: 'diffusion' })).briefs)).toEqual(['2406.04312']);
    expect(ids(await store.search({ q: 'routevit' }))).toEqual(['2406.04312', '2406.04312']);
    expect(await store.linkAlias('t-0123456789abcdef', '2406.04312')).toEqual({ moved: 0 });
    expect(await store.linkAlias('2406.04312', '2406.04312')).toEqual({ moved: 0 });
  });
}
