import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startServer, type RunningServer } from '../../src/compose/server.js';
import { loadConfig } from '../../src/config.js';
import { ensureCliBuilt, jsonLines, runCli, startCli, tempFolder } from '../cli/cli-harness.js';
import { freePort } from '../support/redis.js';
import { basicAuth, TOKEN } from '../http/api-harness.js';

const silent = pino({ level: 'silent' });
const folder = tempFolder('read-only');
const db = `${folder.path}/briefs.db`;
let briefed: Array<{ paper: { id: string; title: string } }> = [];

beforeAll(async () => {
  ensureCliBuilt();
  const result = await runCli(['summarize', 'examples/papers.jsonl', '--db', db, '--out', '-']);
  expect(result.code, result.stderr).toBe(0);
  briefed = jsonLines(result.stdout) as typeof briefed;
}, 120_000);
afterAll(() => folder.remove());

describe('serve without REDIS_URL, over a store filled by summarize', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(loadConfig({ PAPERBRIEF_API_TOKEN: TOKEN, PAPERBRIEF_DB: db }), silent, {
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(() => server?.close());
  const get = (path: string, headers: Record<string, string> = { authorization: basicAuth('me', TOKEN) }) =>
    fetch(`${server.url}${path}`, { headers });

  it('starts read-only and says so on /readyz', async () => {
    expect(server.readOnly).toBe(true);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({
      status: 'ready',
      checks: { store: 'ok' },
      mode: 'read-only',
      note: 'REDIS_URL is not set',
    });
  });

  it('shows the page with every briefed paper, newest first, to the token as Basic password', async () => {
    expect(briefed).toHaveLength(10);
    expect((await get('/', {})).status).toBe(401);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const brief of briefed)
      expect(html).toContain(`href="/papers/${encodeURIComponent(brief.paper.id)}"`);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<label for="q">Search briefs</label>');
  });

  it('searches, serves the feed and the read API', async () => {
    const search = await (await get('/v1/briefs?q=sparse%20attention')).json();
    const titles = (search as { briefs: Array<{ paper: { title: string } }> }).briefs.map(
      (brief) => brief.paper.title,
    );
    expect(titles[0]).toContain('FlexPrefill');
    const feed = await get('/feeds/briefs.atom');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect((await feed.text()).match(/<entry>/g)).toHaveLength(10);
    expect((await get('/v1/briefs/2406.04312', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('answers POST /v1/papers with 503 naming REDIS_URL', async () => {
    const response = await fetch(`${server.url}/v1/papers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'A paper', abstract: 'An abstract.' }),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: 'read_only',
        message: 'this server is read-only (REDIS_URL is not set): set REDIS_URL to queue papers',
      },
    });
  });
});

describe('paperbrief serve with PAPERBRIEF_PUBLIC_READ=1 and no token or Redis', () => {
  it('opens the page and the feed to everyone and keeps POST closed', async () => {
    const port = await freePort();
    const run = startCli(['serve', '--port', String(port), '--host', '127.0.0.1', '--db', db], {
      env: { PAPERBRIEF_PUBLIC_READ: '1', LOG_LEVEL: 'info' },
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20_000;
      while (!run.stderr.includes('listening read-only')) {
        if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(run.stderr);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect((await fetch(`${base}/feeds/briefs.atom?tag=diffusion-models`)).status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
      expect((await run.done).code).toBe(0);
    }
  });
});
