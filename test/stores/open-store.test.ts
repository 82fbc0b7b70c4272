import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { briefFixture } from '../support/brief-fixtures.js';
import { isPostgresUrl, openStore } from '../../src/stores/index.js';
import {
  TEST_DATABASE_URL,
  dropSchemas,
  postgresUnavailableReason,
  throwawaySchemaName,
} from './postgres-test-database.js';

const root = mkdtempSync(join(tmpdir(), 'paperbrief-open-'));
const unavailable = await postgresUnavailableReason();
const schema = throwawaySchemaName('open');

describe('openStore', () => {
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    if (!unavailable) await dropSchemas([schema]);
  });

  it('tells Postgres URLs from file paths', () => {
    expect(isPostgresUrl('postgres://localhost/db')).toBe(true);
    expect(isPostgresUrl('PostgreSQL://user@host:5433/db')).toBe(true);
    expect(isPostgresUrl('./data/paperbrief.db')).toBe(false);
    expect(isPostgresUrl('data/postgres://not-a-url.db')).toBe(false);
  });

  it('opens a SQLite file for a path', async () => {
    const store = await openStore(join(root, 'deep', 'er', 'paperbrief.db'));
    expect(store.kind).toBe('sqlite');
    await store.put(briefFixture());
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it('goes to Postgres for a postgresql:// URL', async () => {
    // Nothing listens on port 1: the Postgres store's own connection error proves the choice.
    await expect(openStore('postgresql://postgres@127.0.0.1:1/test')).rejects.toMatchObject({
      code: 'store_unavailable',
    });
  });

  it.skipIf(unavailable !== undefined)('opens Postgres in the schema it is given', async () => {
    const store = await openStore(TEST_DATABASE_URL, { schema });
    expect(store.kind).toBe('postgres');
    await store.put(briefFixture());
    expect(await store.count()).toBe(1);
    await store.close();
  });
});
