import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { startServer } from '../../src/compose/server.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { ensureCliBuilt, startCli, tempFolder } from '../cli/cli-harness.js';
import { deleteKeysWithPrefix, freePort, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { basicAuth, TOKEN } from '../http/api-harness.js';

const redisUrl = testRedisUrl();
const silent = pino({ level: 'silent' });
const listen = { port: 0, host: '127.0.0.1' };

describe('startServer refuses to start', () => {
  it('without any API token, saying so', async () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
    const started = startServer(config, silent, listen);
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(
      /neither PAPERBRIEF_API_TOKEN nor PAPERBRIEF_API_TOKENS_FILE is set/,
    );
  });

  it('without a token even read-only, unless PAPERBRIEF_PUBLIC_READ=1 is set', async () => {
    await expect(startServer(loadConfig({}), silent, listen)).rejects.toThrow(/PAPERBRIEF_PUBLIC_READ=1/);
  });
});

describe.skipIf(!redisUrl)('startServer', () => {
  const folder = tempFolder('serve');
  const prefix = uniquePrefix('serve');
  const env = {
    PAPERBRIEF_API_TOKEN: TOKEN,
    REDIS_URL: redisUrl as string,
    PAPERBRIEF_QUEUE_PREFIX: prefix,
    PAPERBRIEF_DB: `${folder.path}/briefs.db`,
  };
  afterAll(async () => {
    await deleteKeysWithPrefix(redisUrl as string, prefix);
    folder.remove();
  });

  it('refuses a short token and leaves nothing open', async () => {
    const config = loadConfig({ ...env, PAPERBRIEF_API_TOKEN: 'too-short' });
    await expect(startServer(config, silent, listen)).rejects.toThrow(/at least 16 characters/);
  });

  it('serves the API from the configuration, with every queue on the dashboard', async () => {
    const server = await startServer(loadConfig(env), silent, listen);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ready = await fetch(`${server.url}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { redis: 'ok', store: 'ok', workers: 'ok' },
      });

      const auth = { authorization: `Bearer ${TOKEN}` };
      const post = await fetch(`${server.url}/v1/papers`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Served paper', abstract: 'It was served.' }),
      });
      expect(post.status).toBe(202);
      const metrics = await (await fetch(`${server.url}/metrics`, { headers: auth })).text();
      expect(metrics).toContain('paperbrief_queue_jobs{queue="summarize",state="waiting"} 1');
      expect(metrics).toContain('process_cpu_user_seconds_total');

      const queues = await fetch(`${server.url}/admin/queues/api/queues`, {
        headers: { authorization: basicAuth('ops', TOKEN) },
      });
      const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues.map(
        (queue) => queue.name,
      );
      expect(names.sort()).toEqual(['deliver', 'poll', 'summarize']);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe.skipIf(!redisUrl)('paperbrief serve', () => {
  const folder = tempFolder('serve-cli');
  const prefix = uniquePrefix('serve-cli');
  beforeAll(() => ensureCliBuilt());
  afterAll(async () => {
    await deleteKeysWithPrefix(redisUrl as string, prefix);
    folder.remove();
  });

  it('exits 2 with a clear message without a token', async () => {
    const result = await startCli(['serve'], { env: { REDIS_URL: redisUrl as string } }).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('neither PAPERBRIEF_API_TOKEN nor PAPERBRIEF_API_TOKENS_FILE is set');
  });

  it('listens on --port until SIGTERM, then exits 0, keeping the token out of its logs', async () => {
    const port = await freePort();
    const run = startCli(
      ['serve', '--port', String(port), '--host', '127.0.0.1', '--db', `${folder.path}/b.db`],
      {
        env: {
          PAPERBRIEF_API_TOKEN: TOKEN,
          REDIS_URL: redisUrl as string,
          PAPERBRIEF_QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'info',
        },
      },
    );
    await stderrContains(run.child, () => run.stderr, 'paperbrief API listening', 20_000);
    expect(run.stderr).toContain(`http://127.0.0.1:${port}`);

    expect((await fetch(`http://127.0.0.1:${port}/v1/briefs`)).status).toBe(401);
    const authorized = await fetch(`http://127.0.0.1:${port}/v1/briefs`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(authorized.status).toBe(200);

    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"statusCode":200');
    expect(result.stderr).not.toContain(TOKEN);
  });
});

/** Resolves once `text()` contains `expected`, checking at every chunk the child writes to stderr. */
function stderrContains(
  child: ChildProcess,
  text: () => string,
  expected: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no "${expected}" within ${timeoutMs} ms: ${text()}`)),
      timeoutMs,
    );
    const check = () => {
      if (text().includes(expected)) finish();
    };
    const exited = () => finish(new Error(`exited before "${expected}": ${text()}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stderr?.off('data', check);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve();
    }
    child.stderr?.on('data', check);
    child.once('exit', exited);
    check();
  });
}
