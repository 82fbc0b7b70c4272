import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../../src/config.js';

/**
 * The deployment files a first `docker compose up` reads: .env.example lists every variable with a
 * value that parses, the README documents each, and scripts/init-env.sh makes .env once.
 * (docker-compose.yml itself is checked by scripts/check-compose.sh in CI.)
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Read by docker-compose.yml only, not by paperbrief. */
const COMPOSE_ONLY = ['PAPERBRIEF_HOST_PORT', 'PAPERBRIEF_WATCH_SOURCE', 'PAPERBRIEF_WATCH_EVERY'];

function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, name, value] = match as unknown as [string, string, string];
    expect(values.has(name), `${name} listed twice`).toBe(false);
    values.set(name, value);
  }
  return values;
}

const example = parseEnvFile(readFileSync(join(ROOT, '.env.example'), 'utf8'));
const variables = Object.keys(EnvSchema.shape);

describe('.env.example', () => {
  it('lists every variable of the config schema, and only those besides the compose ones', () => {
    expect([...example.keys()].sort()).toEqual([...variables, ...COMPOSE_ONLY].sort());
  });

  it('parses as it is (empty means unset), and its values are the documented defaults', () => {
    const config = loadConfig(Object.fromEntries(example));
    const defaults = loadConfig({});
    for (const name of variables) {
      // The compose services (Redis, Postgres) are the only values that differ from no setting.
      if (name === 'REDIS_URL' || name === 'DATABASE_URL') continue;
      expect(config[name as keyof typeof config], name).toEqual(defaults[name as keyof typeof defaults]);
    }
    expect(config.REDIS_URL).toBe('redis://redis:6379');
  });

  it('every variable is in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const undocumented = [...variables, ...COMPOSE_ONLY].filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});

describe('scripts/init-env.sh', () => {
  it('writes .env once with a random 64-hex token, readable by the owner only, and keeps it after', () => {
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-init-env-'));
    try {
      mkdirSync(join(folder, 'scripts'));
      copyFileSync(join(ROOT, 'scripts', 'init-env.sh'), join(folder, 'scripts', 'init-env.sh'));
      copyFileSync(join(ROOT, '.env.example'), join(folder, '.env.example'));
      const run = () => spawnSync('sh', [join(folder, 'scripts', 'init-env.sh')], { encoding: 'utf8' });

      expect(run().status).toBe(0);
      const first = readFileSync(join(folder, '.env'), 'utf8');
      const token = parseEnvFile(first).get('PAPERBRIEF_API_TOKEN');
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(join(folder, '.env')).mode & 0o077).toBe(0);
      // Everything else is .env.example as it is.
      expect(first.replace(`PAPERBRIEF_API_TOKEN=${token}`, 'PAPERBRIEF_API_TOKEN=')).toBe(
        readFileSync(join(folder, '.env.example'), 'utf8'),
      );

      const again = run();
      expect(again.stdout).toContain('kept');
      expect(readFileSync(join(folder, '.env'), 'utf8')).toBe(first);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
