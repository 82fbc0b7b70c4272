import { describe, expect, it } from 'vitest';
import { configOverrides } from '../../src/cli/config-flags.js';
import { loadConfig } from '../../src/config.js';
import { storeLocation } from '../../src/compose/pipeline-parts.js';
import { ConfigError } from '../../src/errors.js';

const POSTGRES = 'postgres://paperbrief@db.example:5432/briefs';

describe('flags over the environment', () => {
  it('lets a flag win over its variable, and leaves variables alone when the flag is absent', () => {
    const env = { PAPERBRIEF_CONCURRENCY: '2', PAPERBRIEF_PROVIDER: 'openai' };
    expect(loadConfig(env, configOverrides({ concurrency: 8 }))).toMatchObject({
      PAPERBRIEF_CONCURRENCY: 8,
      PAPERBRIEF_PROVIDER: 'openai',
    });
    expect(loadConfig(env, configOverrides({}))).toMatchObject({ PAPERBRIEF_CONCURRENCY: 2 });
  });

  it('stores in SQLite by default, in Postgres for a postgres:// DATABASE_URL', () => {
    expect(storeLocation(loadConfig({}))).toBe('./data/paperbrief.db');
    expect(storeLocation(loadConfig({ DATABASE_URL: POSTGRES }))).toBe(POSTGRES);
  });

  it('gives --db FILE precedence over DATABASE_URL, and takes --db postgres://... as the URL', () => {
    const env = { DATABASE_URL: POSTGRES, PAPERBRIEF_DB: './env.db' };
    expect(storeLocation(loadConfig(env, configOverrides({ db: './flag.db' })))).toBe('./flag.db');
    expect(storeLocation(loadConfig({ PAPERBRIEF_DB: './env.db' }, configOverrides({ db: POSTGRES })))).toBe(
      POSTGRES,
    );
  });

  it('refuses a DATABASE_URL that is not Postgres rather than quietly using SQLite', () => {
    expect(() => storeLocation(loadConfig({ DATABASE_URL: 'mysql://db/briefs' }))).toThrow(ConfigError);
  });
});
