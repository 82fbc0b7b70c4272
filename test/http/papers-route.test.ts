import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PapersAccepted } from '../../src/http/api-schemas.js';
import { PaperSchema } from '../../src/papers/paper.js';
import { testRedisUrl } from '../support/redis.js';
import { startApi, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
const BODY_LIMIT = 8_192;

interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Array<{ index: number; field: string | null; message: string }>;
  };
}

const paper = (n: number) => ({
  id: `arXiv:2502.0${1000 + n}v2`,
  title: `A paper about routing, number ${n}`,
  abstract: `We study routing number ${n}. It works.`,
});

describe.skipIf(!redisUrl)('POST /v1/papers', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, bodyLimitBytes: BODY_LIMIT });
  });
  afterAll(async () => api?.close());
  afterEach(async () => {
    await api.queue.obliterate({ force: true });
  });

  function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    return api.call('/v1/papers', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('queues one paper and answers 202 with its job id', async () => {
    const response = await post(paper(1));
    expect(response.status).toBe(202);
    const body = (await response.json()) as PapersAccepted;
    expect(body).toMatchObject({ enqueued: 1, known: 0, duplicates: 0 });
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]?.paper_id).toBe('2502.01001');

    const job = await api.queue.getJob(body.jobs[0]?.job_id as string);
    expect(job).toBeDefined();
    const queued = PaperSchema.parse(job?.data);
    expect(queued).toMatchObject({ id: '2502.01001', source: 'http', title: paper(1).title });
  });

  it('queues an array, sends repeated papers once, and knows papers sent before', async () => {
    const first = (await (await post([paper(1), paper(2), paper(1)])).json()) as PapersAccepted;
    expect(first).toMatchObject({ enqueued: 2, known: 0, duplicates: 1 });
    expect(await api.queue.count()).toBe(2);

    const again = await post([
      paper(2),
      paper(1),
      { title: 'Another', summary: 'Summary stands for the abstract.' },
    ]);
    expect(again.status).toBe(202);
    const second = (await again.json()) as PapersAccepted;
    expect(second).toMatchObject({ enqueued: 1, known: 2, duplicates: 0 });
    // Same paper, same job id: a client can send twice without making two jobs.
    expect(second.jobs.slice(0, 2).map((job) => job.job_id)).toEqual(
      [first.jobs[1], first.jobs[0]].map((job) => job?.job_id),
    );
    expect(await api.queue.count()).toBe(3);
  });

  it('refuses the whole body when any paper is invalid, naming each index and field', async () => {
    const response = await post([
      paper(1),
      { abstract: 'No title here.' },
      { title: 'Numbers', abstract: 42 },
      'not a paper',
      { ...paper(5), url: 'not a url' },
    ]);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toBe('4 papers are invalid; nothing was queued');
    expect(body.error.issues?.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: 'title' },
      { index: 2, field: 'abstract' },
      { index: 3, field: null },
      { index: 4, field: 'url' },
    ]);
    expect(body.error.issues?.[1]?.message).toContain('abstract');
    expect(await api.queue.count()).toBe(0);
  });

  it('names index 0 for a single invalid object, and refuses empty or non-paper bodies', async () => {
    const single = (await (await post({ title: 'Only a title' })).json()) as ErrorBody;
    expect(single.error.issues).toEqual([expect.objectContaining({ index: 0, field: 'abstract' })]);

    for (const body of [[], 'null', '7', '"text"']) {
      const response = await post(body);
      expect(response.status, String(body)).toBe(400);
      expect(((await response.json()) as ErrorBody).error.code).toBe('invalid_input');
    }
    expect(await api.queue.count()).toBe(0);
  });

  it('answers 400 for broken JSON and 415 for another content type', async () => {
    const broken = await post('{"title": "unterminated');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      error: { code: 'invalid_json', message: 'request body is not valid JSON' },
    });

    const text = await post(JSON.stringify(paper(1)), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as ErrorBody).error.code).toBe('unsupported_media_type');
  });

  it('answers 400 for a body that is not valid UTF-8, and queues nothing', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title": "Bad bytes '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('", "abstract": "We study routing. It works."}'),
    ]);
    const response = await api.call('/v1/papers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'invalid_input', message: 'request body is not valid UTF-8' },
    });
    expect(await api.queue.count()).toBe(0);
  });

  it('answers 413 past the body limit and queues nothing', async () => {
    const big = { title: 'Big', abstract: 'word '.repeat(BODY_LIMIT / 4) };
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'body_too_large', message: `request body is larger than ${BODY_LIMIT} bytes` },
    });
    expect(await api.queue.count()).toBe(0);

    const justUnder = { title: 'Fits', abstract: 'word '.repeat(BODY_LIMIT / 8) };
    expect((await post(justUnder)).status).toBe(202);
  });
});
