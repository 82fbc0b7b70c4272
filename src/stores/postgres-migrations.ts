import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { StoreError } from '../errors.js';

/**
 * One step of the Postgres schema. Versions start at 1 and go up by one; never edit a released
 * step. The SQL runs with `search_path` set to the store's schema, so it names tables unqualified.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The Postgres schema, oldest first; the same tables as sqlite-migrations.ts. Key columns use
 * the "C" collation so the list order is byte order, as in SQLite, whatever the database locale.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'briefs and their tags',
    sql: `
      CREATE TABLE briefs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        paper_id text COLLATE "C" NOT NULL,
        provider text COLLATE "C" NOT NULL,
        model text COLLATE "C" NOT NULL,
        prompt_version text COLLATE "C" NOT NULL,
        stored_at timestamptz NOT NULL,
        -- json, not jsonb: keeps the text as put and accepts \\u0000, which jsonb refuses.
        brief json NOT NULL,
        CONSTRAINT briefs_key UNIQUE (paper_id, provider, model, prompt_version)
      );
      CREATE INDEX briefs_list_order ON briefs (stored_at, paper_id, provider, model, prompt_version);
      CREATE TABLE brief_tags (
        tag text COLLATE "C" NOT NULL,
        brief_id bigint NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, brief_id)
      );
      CREATE INDEX brief_tags_brief ON brief_tags (brief_id);
    `,
  },
  {
    version: 2,
    name: 'deliveries log and disabled endpoints',
    sql: `
      -- One row per webhook-id (brief version x endpoint); see src/delivery/delivery-log.ts.
      CREATE TABLE deliveries (
        webhook_id text COLLATE "C" PRIMARY KEY,
        endpoint_id text COLLATE "C" NOT NULL,
        paper_id text COLLATE "C" NOT NULL,
        provider text COLLATE "C" NOT NULL,
        model text COLLATE "C" NOT NULL,
        prompt_version text COLLATE "C" NOT NULL,
        input_hash text NOT NULL,
        -- The brief's provenance.created_at exactly as written: part of the version's identity.
        brief_created_at text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        replays integer NOT NULL,
        last_status_code integer,
        last_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX deliveries_by_time ON deliveries (created_at, webhook_id);
      CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, created_at);
      CREATE INDEX deliveries_by_status ON deliveries (status, created_at);
      CREATE TABLE disabled_endpoints (
        endpoint_id text COLLATE "C" PRIMARY KEY,
        disabled_at timestamptz NOT NULL,
        reason text NOT NULL,
        webhook_id text NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'brief search, kept abstracts, paper aliases',
    sql: `
      -- The document is built from already normalised words (src/stores/search-text.ts) with the
      -- 'simple' configuration: no stemming or stop words of its own, so it matches SQLite's index.
      CREATE TABLE brief_search (
        brief_id bigint PRIMARY KEY REFERENCES briefs (id) ON DELETE CASCADE,
        document tsvector NOT NULL
      );
      CREATE INDEX brief_search_document ON brief_search USING gin (document);
      -- The abstract a brief was made from, by the brief's provenance.input_hash.
      CREATE TABLE paper_abstracts (
        input_hash text COLLATE "C" PRIMARY KEY,
        abstract text NOT NULL
      );
      -- Other ids of a paper (its title hash, t-...) and the id its briefs are stored under.
      CREATE TABLE paper_aliases (
        alias text COLLATE "C" PRIMARY KEY,
        paper_id text COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'batches and their papers',
    sql: `
      -- Batch API batches and the papers in each; see src/stores/batch-records.ts.
      CREATE TABLE batches (
        id text COLLATE "C" PRIMARY KEY,
        provider_batch_id text UNIQUE,
        provider text NOT NULL,
        model text NOT NULL,
        prompt_version text NOT NULL,
        status text NOT NULL,
        input_file_id text,
        output_file_id text,
        error_file_id text,
        request_count integer NOT NULL,
        estimated_cost_usd double precision NOT NULL,
        -- ISO-8601 UTC text, as in SQLite: sorts in time order, compared as text.
        created_at text COLLATE "C" NOT NULL,
        updated_at text NOT NULL,
        collected_at text,
        detail text
      );
      CREATE TABLE batch_papers (
        batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        custom_id text NOT NULL,
        seq integer NOT NULL,
        paper_id text NOT NULL,
        paper text NOT NULL,
        state text NOT NULL,
        claimed_by text,
        claimed_at text COLLATE "C",
        reason text,
        PRIMARY KEY (batch_id, custom_id)
      );
      CREATE INDEX batch_papers_by_paper ON batch_papers (paper_id, state);
    `,
  },
];

/** `"name"` for a schema name made of lower-case letters, digits and underscores. */
export function quoteSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(
      'invalid_config',
      `invalid Postgres schema name "${schema}": use lower-case letters, digits and underscores`,
    );
  }
  return `"${schema}"`;
}

/** The advisory lock that serializes migrations of one schema, as a signed 64-bit integer. */
function migrationLockKey(schema: string): string {
  return createHash('sha256').update(`paperbrief:migrate:${schema}`).digest().readBigInt64BE(0).toString();
}

/**
 * Creates the schema when missing and applies the pending steps, all in one transaction that
 * first takes a transaction-level advisory lock: processes starting at once wait for each other,
 * and the second finds nothing left to do. The caller owns `client` and its release.
 * @throws StoreError (`schema_too_new`) when the schema was written by a newer paperbrief.
 */
export async function migratePostgres(
  client: PoolClient,
  schema: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  const quoted = quoteSchemaName(schema);
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [migrationLockKey(schema)]);
    // Checked first because CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${quoted}`);
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations ' +
        '(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const result = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    const applied = result.rows[0]?.version ?? 0;
    if (applied > latest) {
      throw new StoreError(
        'schema_too_new',
        `schema ${schema} is at version ${applied}, newer than this paperbrief knows (${latest}); upgrade paperbrief`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
