import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/briefs/taxonomy.js';
import { loadConfig } from '../../src/config.js';
import { loadPriceTable } from '../../src/cost/price-table.js';
import { createAccessControl } from '../../src/http/access/index.js';
import { buildApp } from '../../src/http/build-app.js';
import { queueEnqueuer } from '../../src/http/queue-enqueuer.js';
import { createMetrics } from '../../src/metrics/index.js';
import { PaperInputSchema } from '../../src/papers/paper.js';
import { openQueues } from '../../src/queue/index.js';
import { jobOptions } from '../../src/queue/job-options.js';
import { createSqliteStore } from '../../src/stores/sqlite-store.js';
import { createExtractiveSummarizer } from '../../src/summarizers/extractive/index.js';
import { redisServerOnPath, startRedisServer, testRedisUrl } from '../support/redis.js';
import { startApi, TOKEN, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
const SECRET = 'sk-live-very-secret-0123456789';

describe('start-up refuses what would fail later', () => {
  it('refuses an LLM timeout a Node timer cannot hold, and an OPENAI_BASE_URL that is not a URL', () => {
    expect(() => loadConfig({ PAPERBRIEF_LLM_TIMEOUT_MS: '3000000000' })).toThrow(
      /PAPERBRIEF_LLM_TIMEOUT_MS: at most 2147483647/,
    );
    expect(loadConfig({ PAPERBRIEF_LLM_TIMEOUT_MS: '2147483647' }).PAPERBRIEF_LLM_TIMEOUT_MS).toBe(
      2147483647,
    );
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL: must be a URL/);
  });

  it('does not quote the content of a taxonomy or price file it cannot parse', () => {
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-secret-'));
    try {
      const file = join(folder, 'secrets.env');
      writeFileSync(file, `OPENAI_API_KEY=${SECRET}\n`);
      for (const load of [() => loadTaxonomy(file), () => loadPriceTable(file)]) {
        expect(load).toThrow(/is not valid JSON/);
        try {
          load();
        } catch (error) {
          expect(String(error)).not.toContain('OPENAI');
          expect(String(error)).not.toContain(SECRET.slice(0, 6));
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a paper holding a lone surrogate, naming the field', () => {
    const parsed = PaperInputSchema.safeParse({ title: 'A title \ud800', abstract: 'An abstract.' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['title'], message: /lone surrogate/ });
    expect(PaperInputSchema.safeParse({ title: 'Emoji 😀 title', abstract: 'An abstract.' }).success).toBe(
      true,
    );
  });
});

describe.skipIf(!redisServerOnPath())('the API with Redis down', () => {
  it('answers 503 with the error body, not 500', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-down-'));
    const store = createSqliteStore({ path: join(folder, 'briefs.db') });
    const redis = await startRedisServer({ appendonly: false });
    const open = await openQueues({ redisUrl: redis.url, prefix: 'down' });
    const app = await buildApp({
      store,
      enqueue: queueEnqueuer({
        queue: open.queues.summarize,
        store,
        identity: createExtractiveSummarizer(),
        jobOptions: jobOptions(),
      }),
      readiness: {},
      metrics: createMetrics(),
      access: createAccessControl({ apiToken: TOKEN }),
      logger: pino({ level: 'silent' }),
    });
    try {
      await redis.stop();
      const response = await app.inject({
        method: 'POST',
        url: '/v1/papers',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload: { title: 'A paper', abstract: 'An abstract about things.' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: { code: 'unavailable', message: 'a dependency is unavailable, try again later' },
      });
    } finally {
      await app.close();
      await open.close().catch(() => undefined);
      await redis.dispose();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!redisUrl)('malformed requests', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string });
  });
  afterAll(async () => api?.close());

  it('answers a NUL in a paper id or a cursor with 404/400, not 500', async () => {
    expect((await api.call('/v1/briefs/2406%0004312')).status).toBe(404);
    const cursor = Buffer.from(
      JSON.stringify({ v: 1, at: '2026-01-01T00:00:00.000Z', key: ['a\u0000', 'b', 'c', 'd'] }),
    ).toString('base64url');
    const listed = await api.call(`/v1/briefs?cursor=${cursor}`);
    expect(listed.status).toBe(400);
    expect(((await listed.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('answers a malformed URL with the error body, without echoing the URL', async () => {
    const response = await api.call('/v1/briefs/%E0%A4%A');
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'bad_request', message: 'the request line or a header is malformed' },
    });
    expect(text).not.toContain('%E0');
  });
});
