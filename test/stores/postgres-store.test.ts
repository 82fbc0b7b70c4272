import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { briefKeyOf } from '../../src/briefs/brief.js';
import { POSTGRES_MIGRATIONS, migratePostgres } from '../../src/stores/postgres-migrations.js';
import { createPostgresStore } from '../../src/stores/postgres-store.js';
import { briefFixture } from '../support/brief-fixtures.js';
import {
  POSTGRES_REQUIRED,
  TEST_DATABASE_URL,
  dropSchemas,
  postgresUnavailableReason,
  throwawaySchemaName,
} from './postgres-test-database.js';
import { describeStoreContract } from './store-contract.js';

const unavailable = await postgresUnavailableReason();
const schemas: string[] = [];
const newSchema = () => {
  const schema = throwawaySchemaName('store');
  schemas.push(schema);
  return schema;
};

describe('postgres store without a server', () => {
  it('fails with a retryable StoreError that does not show the password', async () => {
    const attempt = createPostgresStore({ connectionString: 'postgres://postgres:s3cret@127.0.0.1:1/test' });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'StoreError', code: 'store_unavailable', retryable: true });
    expect(String((error as Error).message)).not.toContain('s3cret');
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      createPostgresStore({ connectionString: TEST_DATABASE_URL, schema: 'briefs"; DROP TABLE x; --' }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'invalid_config' });
  });
});

if (unavailable && POSTGRES_REQUIRED) {
  describe('postgres store', () => {
    it('needs a reachable Postgres when CI=true', () => {
      throw new Error(`${unavailable}; start it or set PAPERBRIEF_TEST_DATABASE_URL`);
    });
  });
} else {
  if (unavailable) console.warn(`postgres store tests skipped: ${unavailable}`);
  const suite = unavailable ? describe.skip : describe;
  suite(unavailable ? `postgres store (skipped: ${unavailable})` : 'postgres store', () => {
    afterAll(() => dropSchemas(schemas));

    describeStoreContract('postgres', {
      async create(clock) {
        const schema = newSchema();
        const open = () =>
          createPostgresStore({ connectionString: TEST_DATABASE_URL, schema, now: clock.now });
        return { store: await open(), reopen: open };
      },
      async cleanup() {},
    });

    it('runs the migrations once when several processes start at once', async () => {
      const schema = newSchema();
      const stores = await Promise.all(
        Array.from({ length: 6 }, () => createPostgresStore({ connectionString: TEST_DATABASE_URL, schema })),
      );
      try {
        const result = await stores[0]!.pool.query<{ version: number }>(
          `SELECT version FROM ${stores[0]!.table('schema_migrations')} ORDER BY version`,
        );
        expect(result.rows.map((row) => row.version)).toEqual(
          POSTGRES_MIGRATIONS.map((step) => step.version),
        );
        await Promise.all(stores.map((store) => store.put(briefFixture())));
        expect(await stores[1]!.count()).toBe(1);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('indexes for search the briefs stored before the search table existed', async () => {
      const schema = newSchema();
      const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
      const brief = briefFixture();
      try {
        const client = await pool.connect();
        try {
          await migratePostgres(client, schema, POSTGRES_MIGRATIONS.slice(0, 2));
        } finally {
          client.release();
        }
        await pool.query(
          `INSERT INTO "${schema}".briefs (paper_id, provider, model, prompt_version, stored_at, brief) ` +
            "VALUES ('2406.04312', 'extractive', 'extractive-v1', 'v1', now(), $1)",
          [JSON.stringify(brief)],
        );
        const store = await createPostgresStore({ pool, schema });
        expect(await store.search({ q: 'routevit imagenet' })).toEqual([brief]);
        await store.close();
      } finally {
        await pool.end();
      }
    });

    it('refuses a schema written by a newer paperbrief', async () => {
      const schema = newSchema();
      const store = await createPostgresStore({ connectionString: TEST_DATABASE_URL, schema });
      await store.pool.query(
        `INSERT INTO ${store.table('schema_migrations')} (version, name) VALUES (999, 'future')`,
      );
      await store.close();
      await expect(
        createPostgresStore({ connectionString: TEST_DATABASE_URL, schema }),
      ).rejects.toMatchObject({
        code: 'schema_too_new',
      });
    });

    it('uses a pool it is given and leaves it open on close', async () => {
      const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
      try {
        const schema = newSchema();
        const store = await createPostgresStore({ pool, schema });
        expect(store.table('briefs')).toBe(`"${schema}".briefs`);
        await store.put(briefFixture());
        await store.close();
        const result = await pool.query(`SELECT paper_id FROM "${schema}".briefs`);
        expect(result.rows).toEqual([{ paper_id: briefKeyOf(briefFixture()).paperId }]);
      } finally {
        await pool.end();
      }
    });
  });
}
