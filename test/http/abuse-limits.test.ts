import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PapersAccepted } from '../../src/http/api-schemas.js';
import { inputHash } from '../../src/papers/paper-id.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { testRedisUrl } from '../support/redis.js';
import { anonymous, startApi, TOKEN, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
const INGEST = 'ingest-token-0123456789abcdef';
const tokens = [{ name: 'ingest', token: INGEST, scopes: ['papers:write' as const, 'briefs:read' as const] }];

const paper = (n: number, abstract = `We study routing number ${n}. It works.`) => ({
  id: `2502.0${1000 + n}`,
  title: `A paper about routing, number ${n}`,
  abstract,
});

function post(api: ApiHarness, body: unknown, token = INGEST, query = '') {
  return anonymous(api, `/v1/papers${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.skipIf(!redisUrl)('paper identity', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, tokens });
  });
  afterAll(async () => api?.close());
  afterEach(async () => api.queue.obliterate({ force: true }));

  it('answers 409 paper_conflict for a known id with another abstract, queueing nothing', async () => {
    expect((await post(api, [paper(1), paper(2)])).status).toBe(202);
    const hijack = await post(api, [paper(3), paper(1, 'ReNO is retracted. Do not cite it.')]);
    expect(hijack.status).toBe(409);
    expect(await hijack.json()).toEqual({
      error: {
        code: 'paper_conflict',
        message: '1 paper(s) conflict with known papers; nothing was queued',
        issues: [
          {
            index: 1,
            field: null,
            message: 'paper 2502.01001 is already known with a different title or abstract',
          },
        ],
      },
    });
    expect(await api.queue.count()).toBe(2); // paper 3 was not queued either
    const job = (await api.queue.getJobs(['waiting'])).find((queued) => queued.data.id === '2502.01001');
    expect(job?.data.abstract).toBe(paper(1).abstract);
  });

  it('is idempotent for the same paper again (202, known)', async () => {
    await post(api, paper(1));
    const again = await post(api, paper(1));
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ enqueued: 0, known: 1 });
  });

  it('finds conflicts with stored briefs too, and lets only admin replace', async () => {
    // A brief made from the original text, with no job left for it.
    await api.store.put(
      briefFixture({
        paper: { id: '2502.01001', title: paper(1).title },
        provenance: { input_hash: inputHash(paper(1)) },
      }),
    );
    const changed = paper(1, 'A changed abstract. It works differently.');
    expect((await post(api, changed)).status).toBe(409);
    expect((await post(api, changed, INGEST, '?replace=true')).status).toBe(403);
    const replaced = await post(api, changed, TOKEN, '?replace=true');
    expect(replaced.status).toBe(202);
    expect(((await replaced.json()) as PapersAccepted).enqueued).toBe(1);
  });
});

describe.skipIf(!redisUrl)('caps and rate limits', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({
      redisUrl: redisUrl as string,
      tokens,
      maxPapers: 5,
      rateLimit: { perTokenPerMinute: 8, perAddressPerMinute: 4 },
    });
  });
  afterAll(async () => api?.close());

  it('refuses more papers than the cap with 413, queueing nothing', async () => {
    const response = await post(
      api,
      [1, 2, 3, 4, 5, 6].map((n) => paper(n)),
    );
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_papers');
    expect(body.error.message).toContain('at most 5 (PAPERBRIEF_API_MAX_PAPERS)');
    expect(await api.queue.count()).toBe(0);
  });

  it('slows wrong tokens down per address: 429 with Retry-After, before any token check', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await anonymous(api, '/v1/briefs', {
        headers: { authorization: `Bearer wrong-${attempt}-0123456789abcdef` },
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await last?.json()) as { error: { code: string } };
    expect(body.error.code).toBe('rate_limited');
    // Probes are never limited.
    expect((await anonymous(api, '/healthz')).status).toBe(200);
  });

  it('limits each token apart from the others', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      statuses.push(
        (await anonymous(api, '/v1/briefs', { headers: { authorization: `Bearer ${INGEST}` } })).status,
      );
    }
    // 1 request of this token was made above (the 413), so 7 more pass.
    expect(statuses.filter((status) => status === 200)).toHaveLength(7);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect((await api.call('/v1/briefs')).status).toBe(200); // another token still passes
  });
});
