import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/redis.js';
import { ensureCliBuilt, PROJECT_ROOT, runCli, tempFolder } from './cli-harness.js';

const EXAMPLES = join(PROJECT_ROOT, 'examples/papers.jsonl');

beforeAll(() => ensureCliBuilt());

let folder: { path: string; remove: () => void };
beforeEach(() => {
  folder = tempFolder('first-run');
});
afterEach(() => folder.remove());

describe('first-run messages', () => {
  it('a --since that is not a date is bad usage (exit 2) naming the flag', async () => {
    const result = await runCli(['export', '--since', 'yesterday', '--db', join(folder.path, 'b.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--since.*'yesterday' is invalid.*ISO date/);
  });

  it('a --gold file that cannot be read is bad usage (exit 2), without an internal error code', async () => {
    const result = await runCli(['eval', '--gold', join(folder.path, 'missing.json'), EXAMPLES]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^paperbrief: --gold .*missing\.json: cannot read the gold file \(ENOENT\)$/m,
    );
    expect(result.stderr).not.toMatch(/invalid_(input|config):/);
  });

  it('export --tag with a tag outside the taxonomy warns and still exports', async () => {
    const database = join(folder.path, 'b.db');
    expect(
      (await runCli(['summarize', EXAMPLES, '--out', join(folder.path, 'o.jsonl'), '--db', database])).code,
    ).toBe(0);
    const unknown = await runCli(['export', '--tag', 'no-such-tag', '--db', database]);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).toMatch(/warning: --tag no-such-tag is not in the taxonomy/);
    const known = await runCli(['export', '--tag', 'diffusion-models', '--db', database]);
    expect(known.stderr).not.toMatch(/warning/);
  });

  it('logs off a terminal are plain lines, JSON only with LOG_FORMAT=json', async () => {
    // The debug lines of an offline run come from the same logger as every warning of a real run.
    const args = [
      'summarize',
      EXAMPLES,
      '--out',
      join(folder.path, 'o.jsonl'),
      '--db',
      join(folder.path, 'b.db'),
    ];
    const text = await runCli([...args, '--force'], { env: { LOG_LEVEL: 'debug' } });
    expect(text.stderr).toMatch(/^debug: paper briefed \(paperId=/m);
    expect(text.stderr).not.toMatch(/^\{/m);
    const json = await runCli([...args, '--force'], { env: { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });
    expect(json.stderr).toMatch(/^\{"level":20,.*"msg":"paper briefed"\}$/m);
  });

  it('connection errors name the setting to fix (DATABASE_URL, REDIS_URL), never its password', async () => {
    const port = await freePort();
    const store = await runCli(['summarize', EXAMPLES, '--db', `postgres://u:hunter2@127.0.0.1:${port}/x`]);
    expect(store.code).toBe(1);
    expect(store.stderr).toMatch(/^paperbrief: cannot open the store at DATABASE_URL: .*ECONNREFUSED/m);
    expect(store.stderr).not.toContain('hunter2');
    const redis = await runCli(['enqueue', EXAMPLES, '--db', join(folder.path, 'b.db')], {
      env: { REDIS_URL: `redis://127.0.0.1:${port}` },
    });
    expect(redis.code).toBe(1);
    expect(redis.stderr).toMatch(/^paperbrief: cannot reach Redis \(REDIS_URL\): .*ECONNREFUSED/m);
  });
});
