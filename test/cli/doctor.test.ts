import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import type { FakeServerKind } from '../support/fake-server-kinds.js';
import { freePort, testRedisUrl } from '../support/redis.js';
import { CLI_PATH, cliEnv, ensureCliBuilt, runCli, tempFolder } from './cli-harness.js';

beforeAll(() => ensureCliBuilt());

let server: FakeLlmServer | undefined;
let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = tempFolder('doctor');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  folder.remove();
});

const GOOD_KEY = 'sk-doctor-good-key-0123456789';

async function fakeServer(kind: FakeServerKind = {}) {
  server = await startFakeLlmServer({ kind: { apiKey: GOOD_KEY, ...kind } });
  return server;
}

function doctor(env: Record<string, string>, flags: string[] = []) {
  return runCli(['doctor', '--db', join(folder.path, 'briefs.db'), ...flags], { env });
}

/** The line of one check (`ok    store     ...`). */
function line(stdout: string, name: string): string {
  return stdout.split('\n').find((text) => text.slice(6).startsWith(`${name} `)) ?? '';
}

describe('paperbrief doctor', () => {
  it.skipIf(!testRedisUrl())(
    'exits 0 when the store, Redis and the LLM answer; prints the config with the key masked',
    async () => {
      const fake = await fakeServer();
      const result = await doctor({
        OPENAI_API_KEY: GOOD_KEY,
        OPENAI_BASE_URL: fake.baseUrl,
        REDIS_URL: testRedisUrl()!,
      });
      expect(result.code).toBe(0);
      expect(line(result.stdout, 'config')).toMatch(
        /^ok +config +provider openai, server other \(detected\)/,
      );
      expect(line(result.stdout, 'config')).toContain('OPENAI_API_KEY sk-…(29 chars)');
      expect(result.stdout + result.stderr).not.toContain(GOOD_KEY);
      expect(line(result.stdout, 'store')).toMatch(
        /^ok .*opened, migrated, 0 brief\(s\), probe written and read/,
      );
      expect(line(result.stdout, 'redis')).toMatch(/^(ok|warn) .*PING ok, Redis \d/);
      expect(line(result.stdout, 'llm')).toMatch(/^ok .*1 model\(s\) listed, output mode json_schema works/);
      expect(result.stderr).toContain('all checks passed');
      // The probe leaves nothing: the store still has no brief, and no probe table.
      const again = await doctor({});
      expect(line(again.stdout, 'store')).toMatch(/0 brief\(s\)/);
    },
  );

  it('exits 2 on a wrong key, naming OPENAI_API_KEY and quoting the server', async () => {
    const fake = await fakeServer();
    const result = await doctor({ OPENAI_API_KEY: 'sk-wrong', OPENAI_BASE_URL: fake.baseUrl });
    expect(result.code).toBe(2);
    expect(line(result.stdout, 'llm')).toMatch(
      /^FAIL .*401 Incorrect API key provided.*check OPENAI_API_KEY/,
    );
    expect(result.stderr).toMatch(/fix the configuration/);
  });

  it('finds the output mode a server takes (auto), quoting what it refused', async () => {
    const fake = await fakeServer({ rejectJsonSchema: true });
    const result = await doctor({ OPENAI_API_KEY: GOOD_KEY, OPENAI_BASE_URL: fake.baseUrl });
    expect(result.code).toBe(0);
    expect(line(result.stdout, 'llm')).toMatch(
      /output mode tools works \(refused: json_schema: LLM server answered 400 .*'response_format'/,
    );
  });

  it('exits 2 when the fixed --llm-mode is refused', async () => {
    const fake = await fakeServer({ rejectJsonSchema: true });
    const result = await doctor({ OPENAI_API_KEY: GOOD_KEY, OPENAI_BASE_URL: fake.baseUrl }, [
      '--llm-mode',
      'json_schema',
    ]);
    expect(result.code).toBe(2);
    expect(line(result.stdout, 'llm')).toMatch(/^FAIL .*response_format.*check PAPERBRIEF_LLM_MODE/);
  });

  it('checks Azure through the AzureOpenAI client, and names AZURE_OPENAI_API_KEY on a wrong key', async () => {
    const fake = (server = await startFakeLlmServer({
      kind: { azure: { apiKey: 'azure-key', apiVersion: '2024-10-21' } },
    }));
    const env = {
      AZURE_OPENAI_ENDPOINT: fake.origin,
      OPENAI_API_VERSION: '2024-10-21',
      PAPERBRIEF_MODEL: 'my-deployment',
    };
    const good = await doctor({ ...env, AZURE_OPENAI_API_KEY: 'azure-key' });
    expect(good.code).toBe(0);
    expect(line(good.stdout, 'llm')).toMatch(/^ok +llm +azure server at .*\/openai, model my-deployment/);
    const bad = await doctor({ ...env, AZURE_OPENAI_API_KEY: 'wrong' });
    expect(bad.code).toBe(2);
    expect(line(bad.stdout, 'llm')).toMatch(/check AZURE_OPENAI_API_KEY/);
  });

  it('exits 1 when the LLM server is down, naming OPENAI_BASE_URL', async () => {
    const port = await freePort();
    const result = await doctor({ OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'llm')).toMatch(/^FAIL .*cannot reach the LLM server.*check OPENAI_BASE_URL/);
  });

  it('exits 1 when Redis is down (REDIS_URL on a closed port)', async () => {
    const port = await freePort();
    const result = await doctor({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'redis')).toMatch(/^FAIL .*ECONNREFUSED.*check REDIS_URL/);
    expect(line(result.stdout, 'store')).toMatch(/^ok /);
  });

  it('checks a Redis Cluster through REDIS_CLUSTER_NODES and names it when it is down', async () => {
    const port = await freePort();
    const result = await doctor({ REDIS_CLUSTER_NODES: `127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'config')).toContain(`REDIS_CLUSTER_NODES 127.0.0.1:${port}`);
    expect(line(result.stdout, 'redis')).toMatch(
      /^FAIL .*cluster 127\.0\.0\.1:\d+: .*check REDIS_CLUSTER_NODES/,
    );
  });

  it('exits 1 when the store cannot be created (PAPERBRIEF_DB under a file)', async () => {
    writeFileSync(join(folder.path, 'a-file'), 'not a folder');
    const result = await runCli(['doctor'], {
      env: { PAPERBRIEF_DB: join(folder.path, 'a-file', 'briefs.db') },
    });
    expect(result.code).toBe(1);
    expect(line(result.stdout, 'store')).toMatch(/^FAIL .*cannot open it.*check PAPERBRIEF_DB/);
  });

  // A read-only file system refuses writes even to root (chmod does not). `unshare -rm` gives the
  // doctor process its own mount namespace, where the data folder is bind-mounted read-only.
  const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
  it.skipIf(!canUnshare)('exits 1 when the store is on a read-only file system', async () => {
    const data = join(folder.path, 'data');
    mkdirSync(data);
    const database = join(data, 'briefs.db');
    expect((await runCli(['doctor', '--db', database])).code).toBe(0); // created and migrated
    const script =
      `mount --bind "${data}" "${data}" && mount -o remount,bind,ro "${data}" && ` +
      `exec "${process.execPath}" "${CLI_PATH}" doctor --db "${database}"`;
    const result = spawnSync('unshare', ['-rm', 'sh', '-c', script], { env: cliEnv(), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(line(result.stdout, 'store')).toMatch(
      /^FAIL .*(cannot open it|cannot be written).*check PAPERBRIEF_DB/,
    );
  });

  it('exits 2 for a webhook whose host resolves to a refused address, without sending', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const result = await doctor({
      PAPERBRIEF_WEBHOOK_URL: 'https://localhost/hooks',
      PAPERBRIEF_WEBHOOK_SECRET: secret,
    });
    expect(result.code).toBe(2);
    expect(line(result.stdout, 'webhook')).toMatch(
      /^FAIL .*localhost resolves to .*refused.*check PAPERBRIEF_WEBHOOK_URL/,
    );
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
