import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';

/** One step of the SQLite schema. Versions start at 1 and go up by one; never edit a released step. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The SQLite schema, oldest first. To add a table, append a step (see src/stores/README.md) and
 * the matching step in postgres-migrations.ts.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'briefs and their tags',
    sql: `
      CREATE TABLE briefs (
        id INTEGER PRIMARY KEY,
        paper_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        -- ISO-8601 UTC with milliseconds: sorts as text in time order.
        stored_at TEXT NOT NULL,
        -- The Brief v1 JSON, exactly as put.
        brief TEXT NOT NULL,
        UNIQUE (paper_id, provider, model, prompt_version)
      );
      CREATE INDEX briefs_list_order ON briefs (stored_at, paper_id, provider, model, prompt_version);
      CREATE TABLE brief_tags (
        tag TEXT NOT NULL,
        brief_id INTEGER NOT NULL REFERENCES briefs (id) ON DELETE CASCADE,
        PRIMARY KEY (tag, brief_id)
      ) WITHOUT ROWID;
      CREATE INDEX brief_tags_brief ON brief_tags (brief_id);
    `,
  },
  {
    version: 2,
    name: 'deliveries log and disabled endpoints',
    sql: `
      -- One row per webhook-id (brief version x endpoint); see src/delivery/delivery-log.ts.
      CREATE TABLE deliveries (
        webhook_id TEXT PRIMARY KEY,
        endpoint_id TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        input_hash TEXT NOT NULL,
        brief_created_at TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        replays INTEGER NOT NULL,
        last_status_code INTEGER,
        last_error TEXT,
        -- ISO-8601 UTC with milliseconds, like briefs.stored_at.
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        delivered_at TEXT
      );
      CREATE INDEX deliveries_by_time ON deliveries (created_at, webhook_id);
      CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, created_at);
      CREATE INDEX deliveries_by_status ON deliveries (status, created_at);
      CREATE TABLE disabled_endpoints (
        endpoint_id TEXT PRIMARY KEY,
        disabled_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        webhook_id TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'brief search, kept abstracts, paper aliases',
    sql: `
      -- rowid = briefs.id. The text is already normalised words (src/stores/search-text.ts);
      -- unicode61 only splits it at the spaces. Filled by put; rows older than this step are
      -- indexed when the store opens (indexMissingBriefs).
      CREATE VIRTUAL TABLE brief_search USING fts5 (heading, summary, evidence, tokenize = 'unicode61');
      -- The abstract a brief was made from, by the brief's provenance.input_hash.
      CREATE TABLE paper_abstracts (
        input_hash TEXT PRIMARY KEY,
        abstract TEXT NOT NULL
      );
      -- Other ids of a paper (its title hash, t-...) and the id its briefs are stored under.
      CREATE TABLE paper_aliases (
        alias TEXT PRIMARY KEY,
        paper_id TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'batches and their papers',
    sql: `
      -- Batch API batches and the papers in each; see src/stores/batch-records.ts.
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        provider_batch_id TEXT UNIQUE,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        status TEXT NOT NULL,
        input_file_id TEXT,
        output_file_id TEXT,
        error_file_id TEXT,
        request_count INTEGER NOT NULL,
        estimated_cost_usd REAL NOT NULL,
        -- ISO-8601 UTC with milliseconds, like briefs.stored_at.
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        collected_at TEXT,
        detail TEXT
      );
      CREATE TABLE batch_papers (
        batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        custom_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        paper_id TEXT NOT NULL,
        paper TEXT NOT NULL,
        state TEXT NOT NULL,
        claimed_by TEXT,
        claimed_at TEXT,
        reason TEXT,
        PRIMARY KEY (batch_id, custom_id)
      );
      CREATE INDEX batch_papers_by_paper ON batch_papers (paper_id, state);
    `,
  },
];

/**
 * Brings the database up to the newest version. Runs in one IMMEDIATE transaction, so two
 * processes opening the same new file at once apply each step exactly once.
 * @throws StoreError (`schema_too_new`) when the file was written by a newer paperbrief.
 */
export function migrateSqlite(
  database: Database.Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): void {
  const latest = migrations.at(-1)?.version ?? 0;
  database
    .transaction(() => {
      database.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const row = database.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
        version: number | null;
      };
      const applied = row.version ?? 0;
      if (applied > latest) {
        throw new StoreError(
          'schema_too_new',
          `the database is at schema version ${applied}, newer than this paperbrief knows (${latest}); upgrade paperbrief`,
        );
      }
      const record = database.prepare(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
      );
      for (const migration of migrations) {
        if (migration.version <= applied) continue;
        database.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
      }
    })
    .immediate();
}
