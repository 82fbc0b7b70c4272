import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/briefs/brief.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { testRedisUrl } from '../support/redis.js';
import { startApi, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
const BRIEF_COUNT = 23;

interface ListBody {
  briefs: Brief[];
  next_cursor: string | null;
}

describe.skipIf(!redisUrl)('GET /v1/briefs', () => {
  let api: ApiHarness;
  // Each put is stored one second after the previous one, so `since` has something to cut.
  let tick = Date.parse('2026-03-01T00:00:00.000Z');

  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, now: () => new Date((tick += 1_000)) });
    for (let index = 0; index < BRIEF_COUNT; index += 1) {
      const tags = index % 3 === 0 ? ['llm', 'reasoning'] : ['vision-transformer'];
      await api.store.put(briefFixture({ paper: { id: `2501.${String(10_000 + index)}` }, tags }));
    }
    // An old-style arXiv id (with a slash) and a second brief of one paper by another model.
    await api.store.put(briefFixture({ paper: { id: 'cs/0112017' } }));
    await api.store.put(briefFixture({ paper: { id: '2501.10000' }, provenance: { model: 'other-model' } }));
  });
  afterAll(async () => api?.close());

  async function walk(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = query ? '&' : '';
      const path: string = `/v1/briefs?${query}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await api.call(path);
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody;
      expect(body.briefs.length).toBeLessThanOrEqual(limit);
      ids.push(...body.briefs.map((brief) => `${brief.paper.id}/${brief.provenance.model}`));
      cursor = body.next_cursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor !== null);
    return { ids, pages };
  }

  it('walks every brief once, in stored order, page by page', async () => {
    const all = BRIEF_COUNT + 2;
    const { ids, pages } = await walk('', 4);
    expect(ids).toHaveLength(all);
    expect(new Set(ids).size).toBe(all);
    expect(pages).toBe(Math.ceil(all / 4));
    expect(ids[0]).toBe('2501.10000/extractive-v1');
    expect(ids.at(-1)).toBe('2501.10000/other-model');

    const onePage = await walk('', 500);
    expect(onePage).toEqual({ ids, pages: 1 });
  });

  it('filters by tag and by stored time', async () => {
    const tagged = await walk('tag=llm', 3);
    expect(tagged.ids).toHaveLength(Math.ceil(BRIEF_COUNT / 3));
    expect(tagged.ids.every((id) => (Number(id.slice(5, 10)) - 10_000) % 3 === 0)).toBe(true);

    const since = new Date(Date.parse('2026-03-01T00:00:00.000Z') + 21_000).toISOString();
    const recent = await walk(`since=${encodeURIComponent(since)}`, 2);
    expect(recent.ids).toEqual([
      '2501.10020/extractive-v1',
      '2501.10021/extractive-v1',
      '2501.10022/extractive-v1',
      'cs/0112017/extractive-v1',
      '2501.10000/other-model',
    ]);
  });

  it('refuses bad query parameters with 400 and the parameter named', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['since=yesterday', 'since'],
      ['tag=Not%20A%20Tag', 'tag'],
      ['tags=llm', 'tags'],
    ] as const) {
      const response = await api.call(`/v1/briefs?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.message).toContain(field);
    }
  });

  it('refuses a cursor it did not make', async () => {
    const response = await api.call('/v1/briefs?cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});

describe.skipIf(!redisUrl)('GET /v1/briefs/:paper_id', () => {
  let api: ApiHarness;
  let tick = Date.parse('2026-03-01T00:00:00.000Z');

  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, now: () => new Date((tick += 1_000)) });
    await api.store.put(briefFixture());
    await api.store.put(briefFixture({ provenance: { model: 'newer-model' } }));
    await api.store.put(briefFixture({ paper: { id: 'cs/0112017' } }));
  });
  afterAll(async () => api?.close());

  it("answers the paper's most recently stored brief", async () => {
    const response = await api.call('/v1/briefs/2406.04312');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const brief = (await response.json()) as Brief;
    expect(brief.paper.id).toBe('2406.04312');
    expect(brief.provenance.model).toBe('newer-model');
    expect(brief).toEqual(await api.store.latestForPaper('2406.04312'));
  });

  it('finds a brief by a versioned id and by an old-style id with a slash', async () => {
    expect((await api.call('/v1/briefs/2406.04312v3')).status).toBe(200);
    const oldStyle = await api.call(`/v1/briefs/${encodeURIComponent('cs/0112017')}`);
    expect(oldStyle.status).toBe(200);
    expect(((await oldStyle.json()) as Brief).paper.id).toBe('cs/0112017');
  });

  it('answers 404 for a paper without a brief', async () => {
    const response = await api.call('/v1/briefs/2999.99999');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'no brief for paper "2999.99999"' },
    });
  });
});
