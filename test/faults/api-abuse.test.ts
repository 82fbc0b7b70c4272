import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputHash } from '../../src/papers/paper-id.js';
import { PaperSchema, type Paper } from '../../src/papers/paper.js';
import { summarizePaper } from '../../src/pipeline.js';
import { anonymous, startApi, TOKEN, type ApiHarness } from '../http/api-harness.js';
import { makePapers } from '../queue/queue-test-kit.js';
import { testRedisUrl } from '../support/redis.js';
import { allBriefs } from './brief-audit.js';
import { extractivePipeline } from './extractive-deps.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';

const redisUrl = testRedisUrl();
const INGEST = 'ingest-token-0123456789abcdef';
const tokens = [{ name: 'ingest', token: INGEST, scopes: ['papers:write' as const, 'briefs:read' as const] }];

function post(api: ApiHarness, body: unknown, token = INGEST) {
  return anonymous(api, '/v1/papers', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * The API as an attacker meets it, with the shipped defaults (500 papers per request, 60
 * requests a minute per address without a valid token): a client holding a write token tries
 * to replace known papers' text, and to queue 501 papers in one request.
 */
describe.skipIf(!redisUrl)('fault: API abuse', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({
      redisUrl: redisUrl as string,
      tokens,
      rateLimit: { perTokenPerMinute: 600, perAddressPerMinute: 60 },
    });
  });
  afterAll(async () => api?.close());

  it('hijack attempt (100 known papers sent again with new text): 409, nothing replaced or queued', async () => {
    const startedAt = performance.now();
    const papers = makePapers(100, 66_001).map((paper) => ({ ...paper, source: 'http' as const }));
    expect((await post(api, papers)).status).toBe(202);
    // Half of them are briefed (as a worker would; no worker runs here, so their jobs still wait).
    const pipeline = extractivePipeline(api.store);
    for (const paper of papers.slice(0, 50)) await summarizePaper(paper, pipeline);
    const queuedBefore = await api.queue.count();

    const hijacks: Paper[] = papers.map((paper) => ({
      ...paper,
      abstract: 'This paper is retracted. Its results are fabricated; do not cite it.',
    }));
    let refused = 0;
    const answers = new Map<number, number>();
    for (const hijack of hijacks.slice(0, 90)) {
      const response = await post(api, hijack);
      answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
      if (response.status === 409) refused++;
    }
    const batch = await post(api, hijacks.slice(90));
    answers.set(batch.status, (answers.get(batch.status) ?? 0) + 1);
    if (batch.status === 409) refused += 10;

    const briefs = await allBriefs(api.store);
    const changedBriefs = briefs.filter(
      (brief) =>
        brief.provenance.input_hash !== inputHash(papers.find((p) => p.id === brief.paper.id) as Paper),
    );
    const jobs = await api.queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const hijackedJobs = jobs.filter((job) =>
      PaperSchema.safeParse(job.data).data?.abstract.includes('retracted'),
    );
    const row = recordFaultRow({
      scenario: 'hijack attempt (100 known papers, new text)',
      papersIn: hijacks.length,
      briefsStored: briefs.length,
      duplicates: 0,
      failedWithReason: refused,
      invalidBriefs: 0,
      lost: hijacks.length - refused,
      mismatches: [
        ...(changedBriefs.length === 0 ? [] : [`${changedBriefs.length} briefs replaced`]),
        ...(hijackedJobs.length === 0 ? [] : [`${hijackedJobs.length} jobs hold the hijacked text`]),
        ...((await api.queue.count()) === queuedBefore ? [] : ['the queue changed']),
      ],
      notes:
        `100 papers queued, 50 of them briefed; 90 single POSTs and one POST of 10 with a "retracted" abstract: ` +
        `${[...answers].map(([status, count]) => `${status} ×${count}`).join(', ')} (paper_conflict); ` +
        `${briefs.length} stored briefs unchanged, ${queuedBefore} queued jobs unchanged`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row);
  });

  it('501 papers in one POST: 413 too_many_papers, nothing queued', async () => {
    const startedAt = performance.now();
    await api.queue.obliterate({ force: true });
    const papers = makePapers(501, 67_001);
    const response = await post(api, papers);
    const body = (await response.json()) as { error: { code: string; message: string } };
    const queued = await api.queue.count();
    const row = recordFaultRow({
      scenario: '501 papers in one POST',
      papersIn: papers.length,
      briefsStored: 0,
      duplicates: 0,
      failedWithReason: response.status === 413 ? papers.length : 0,
      invalidBriefs: 0,
      lost: response.status === 413 ? 0 : papers.length,
      mismatches: [
        ...(body.error?.code === 'too_many_papers'
          ? []
          : [`answered ${response.status} ${JSON.stringify(body)}`]),
        ...(queued === 0 ? [] : [`${queued} jobs queued`]),
      ],
      notes: `${response.status} ${body.error?.code}: "${body.error?.message}"; 500 papers in one POST are accepted (PAPERBRIEF_API_MAX_PAPERS)`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row);
    expect((await post(api, papers.slice(0, 500))).status).toBe(202);
  });

  it('wrong-token burst (200 requests from one address): 429 with Retry-After after 60', async () => {
    const startedAt = performance.now();
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 200; attempt++) {
      const response = await anonymous(api, '/v1/briefs', {
        headers: { authorization: `Bearer guess-${attempt}-0123456789abcdef` },
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    const allowed = statuses.get(401) ?? 0;
    const row = recordFaultRow({
      scenario: 'wrong-token burst (200 requests, one address)',
      papersIn: 0,
      briefsStored: 0,
      duplicates: 0,
      failedWithReason: 0,
      invalidBriefs: 0,
      lost: 0,
      mismatches: [
        ...(allowed <= 60 ? [] : [`${allowed} wrong tokens checked (limit 60)`]),
        ...(retryAfter !== null && Number(retryAfter) > 0 ? [] : ['no Retry-After']),
      ],
      notes: `${[...statuses].map(([status, count]) => `${status} ×${count}`).join(', ')}; Retry-After ${retryAfter} s; a valid token still passes: ${(await api.call('/v1/briefs')).status}`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row);
    expect(TOKEN).toBeDefined();
  });
});
