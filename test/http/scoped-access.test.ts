import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenFile } from '../../src/http/access/index.js';
import type { PapersAccepted } from '../../src/http/api-schemas.js';
import { testRedisUrl } from '../support/redis.js';
import { anonymous, basicAuth, startApi, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
const READER = 'reader-token-0123456789abcdef';
const INGEST = 'ingest-token-0123456789abcdef';
const SCRAPER = 'scraper-token-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const tokens = [
  { name: 'reader', token: READER, scopes: ['briefs:read' as const] },
  { name: 'ingest', token: INGEST, scopes: ['papers:write' as const, 'briefs:read' as const] },
  { name: 'scraper', sha256: sha256(SCRAPER), scopes: ['metrics:read' as const] },
];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const paper = { id: '2502.09999', title: 'Routing tokens by scope', abstract: 'We route tokens. It works.' };

describe('the token file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-tokens-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads tokens and digests with their scopes', () => {
    const entries = loadTokenFile(write('ok.json', JSON.stringify({ tokens })));
    expect(entries.map((entry) => entry.name)).toEqual(['reader', 'ingest', 'scraper']);
    expect(entries[2]?.sha256).toBe(sha256(SCRAPER));
  });

  it('refuses bad files naming the entry, never quoting the secrets', () => {
    const unknownScope = write(
      'scope.json',
      JSON.stringify({ tokens: [{ ...tokens[0], scopes: ['root'] }] }),
    );
    expect(() => loadTokenFile(unknownScope)).toThrow(/tokens\.0\.scopes\.0/);
    const both = write('both.json', JSON.stringify({ tokens: [{ ...tokens[0], sha256: sha256(READER) }] }));
    expect(() => loadTokenFile(both)).toThrow(/exactly one of "token" and "sha256"/);
    const short = write('short.json', JSON.stringify({ tokens: [{ ...tokens[0], token: 'short' }] }));
    expect(() => loadTokenFile(short)).toThrow(/at least 16 characters/);
    const notJson = write('not.json', `secret-${READER}`);
    expect(() => loadTokenFile(notJson)).toThrow(/not valid JSON/);
    try {
      loadTokenFile(notJson);
    } catch (error) {
      expect(String(error)).not.toContain(READER);
    }
    const twice = write('twice.json', JSON.stringify({ tokens: [tokens[0], tokens[0]] }));
    expect(() => loadTokenFile(twice)).toThrow(/unique/);
  });
});

describe.skipIf(!redisUrl)('scopes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, tokens });
  });
  afterAll(async () => api?.close());

  it('gives each route its scope: 403 naming the missing one', async () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      ['/v1/briefs', bearer(READER), 200],
      ['/v1/briefs', bearer(SCRAPER), 403],
      ['/metrics', bearer(SCRAPER), 200],
      ['/metrics', bearer(READER), 403],
      ['/admin/queues', { authorization: basicAuth('ops', SCRAPER) }, 403],
      ['/admin/queues/api/queues', bearer(INGEST), 403],
    ];
    for (const [path, headers, status] of cases) {
      const response = await anonymous(api, path, { headers });
      expect(response.status, `${path} ${headers.authorization}`).toBe(status);
    }
    const refused = await anonymous(api, '/admin/queues/api/queues', { headers: bearer(SCRAPER) });
    expect(await refused.json()).toEqual({
      error: { code: 'forbidden', message: 'this token lacks the "admin" scope' },
    });
  });

  it('lets only papers:write post, and keeps the token name with the job and in the log', async () => {
    const send = (token: string) =>
      anonymous(api, '/v1/papers', {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify(paper),
      });
    expect((await send(READER)).status).toBe(403);
    expect(await api.queue.count()).toBe(0);
    const accepted = await send(INGEST);
    expect(accepted.status).toBe(202);
    const body = (await accepted.json()) as PapersAccepted;
    const job = await api.queue.getJob(body.jobs[0]?.job_id as string);
    expect((job?.data as { submitted_by?: string }).submitted_by).toBe('ingest');
    expect(api.logLines.join('')).toMatch(/"tokenName":"ingest".*"papers accepted"/);
  });

  it('lets an admin token (PAPERBRIEF_API_TOKEN) open everything', async () => {
    for (const path of ['/v1/briefs', '/metrics', '/admin/queues'])
      expect((await api.call(path)).status).toBe(200);
  });
});

describe.skipIf(!redisUrl)('public read', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string, tokens, publicRead: true });
  });
  afterAll(async () => api?.close());

  it('opens briefs:read routes to everyone and nothing else', async () => {
    expect((await anonymous(api, '/v1/briefs')).status).toBe(200);
    expect((await anonymous(api, '/metrics')).status).toBe(401);
    const post = await anonymous(api, '/v1/papers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(paper),
    });
    expect(post.status).toBe(401);
    expect(post.headers.get('www-authenticate')).toBe('Basic realm="paperbrief", charset="UTF-8"');
  });
});
