import pg from 'pg';
import type { Logger } from 'pino';
import { describeError, StoreError } from '../errors.js';
import { type ListRow, keyValues, pageFromRows, parseStoredBrief, prepareBrief } from './brief-rows.js';
import { createPostgresBatchRecords } from './postgres-batch-records.js';
import { guard } from './postgres-guard.js';
import { listBriefsSql, normalizeListQuery } from './list-query.js';
import { indexMissingBriefs, indexSql } from './postgres-brief-search.js';
import { linkPostgresAlias } from './postgres-paper-aliases.js';
import { normalizeSearchQuery, postgresSearchSql } from './search-query.js';
import { migratePostgres, quoteSchemaName } from './postgres-migrations.js';
import type { BriefPage, ListBriefsQuery, Store } from './store.js';

interface PostgresStoreCommonOptions {
  /** The schema that holds the tables; created when missing. @default 'public' */
  schema?: string;
  /** The clock of `stored_at`. @default () => new Date() */
  now?: () => Date;
  /** Where errors of idle pooled connections are reported (only for a pool the store creates). */
  logger?: Logger;
}

export type PostgresStoreOptions = PostgresStoreCommonOptions &
  (
    | {
        /** `postgres://user:password@host:5432/database`; the store creates and ends its pool. */
        connectionString: string;
        pool?: undefined;
      }
    | {
        /** A pool the caller owns: `close()` leaves it open. */
        pool: pg.Pool;
        connectionString?: undefined;
      }
  );

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly schema: string;
  /** The pool, for modules that keep their own tables in this schema (src/stores/README.md). */
  readonly pool: pg.Pool;
  /** `"schema".table`, for SQL written against this store's schema. */
  table(name: string): string;
}

/** How long opening a connection may take before it fails (retryably), in milliseconds. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects, runs the migrations (see migratePostgres) and returns a Postgres brief store.
 * @throws StoreError when the database cannot be reached (retryable) or the schema is too new.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  const quoted = quoteSchemaName(schema);
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    new pg.Pool({ connectionString: options.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  if (ownsPool) {
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', (error) =>
      options.logger?.warn({ reason: describeError(error) }, 'idle Postgres connection failed'),
    );
  }
  const now = options.now ?? (() => new Date());
  const table = (name: string) => `${quoted}.${name}`;
  const briefs = table('briefs');
  const tags = table('brief_tags');
  const search = table('brief_search');
  const abstracts = table('paper_abstracts');
  const aliases = table('paper_aliases');
  const keyWhere = 'paper_id = $1 AND provider = $2 AND model = $3 AND prompt_version = $4';

  try {
    await guard('migrate the Postgres store', async () => {
      const client = await pool.connect();
      try {
        await migratePostgres(client, schema);
      } finally {
        client.release();
      }
    });
    await guard('index stored briefs for search', () => indexMissingBriefs(pool, { briefs, search }));
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }

  let closed = false;
  return {
    kind: 'postgres',
    schema,
    pool,
    table,
    ...createPostgresBatchRecords(pool, table),
    async get(key) {
      const result = await guard('get a brief', () =>
        pool.query<{ brief: unknown }>(`SELECT brief FROM ${briefs} WHERE ${keyWhere}`, keyValues(key)),
      );
      return result.rows[0] ? parseStoredBrief(result.rows[0].brief) : undefined;
    },
    async put(input, paper) {
      const { key, json, tags: briefTags, search: document, inputHash } = prepareBrief(input);
      const storedAt = now().toISOString();
      return guard('store a brief', async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          // DO NOTHING, then UPDATE: tells "created" from "replaced" without reading xmax. A second
          // writer of the same key waits on the first's row lock, inserts nothing, then updates.
          const inserted = await client.query<{ id: string }>(
            `INSERT INTO ${briefs} (paper_id, provider, model, prompt_version, stored_at, brief) ` +
              'VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT briefs_key DO NOTHING RETURNING id',
            [...key, storedAt, json],
          );
          let id = inserted.rows[0]?.id;
          const created = id !== undefined;
          if (!created) {
            const updated = await client.query<{ id: string }>(
              `UPDATE ${briefs} SET stored_at = $5, brief = $6 WHERE ${keyWhere} RETURNING id`,
              [...key, storedAt, json],
            );
            id = updated.rows[0]?.id;
            if (id === undefined) {
              throw new StoreError('store_conflict', 'the brief vanished while being replaced', {
                retryable: true,
              });
            }
            await client.query(`DELETE FROM ${tags} WHERE brief_id = $1`, [id]);
          }
          if (briefTags.length > 0) {
            await client.query(`INSERT INTO ${tags} (tag, brief_id) SELECT unnest($1::text[]), $2`, [
              briefTags,
              id,
            ]);
          }
          await client.query(indexSql(search), [id, document.heading, document.summary, document.evidence]);
          if (paper) {
            await client.query(
              `INSERT INTO ${abstracts} (input_hash, abstract) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
              [inputHash, paper.abstract],
            );
          }
          await client.query('COMMIT');
          return { created };
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      });
    },
    async latestForPaper(paperId) {
      const result = await guard('read the latest brief', () =>
        pool.query<{ brief: unknown }>(
          `SELECT brief FROM ${briefs} WHERE paper_id = ` +
            `COALESCE((SELECT paper_id FROM ${aliases} WHERE alias = $1), $1) ` +
            'ORDER BY stored_at DESC, provider DESC, model DESC, prompt_version DESC LIMIT 1',
          [paperId],
        ),
      );
      return result.rows[0] ? parseStoredBrief(result.rows[0].brief) : undefined;
    },
    async list(query?: ListBriefsQuery): Promise<BriefPage> {
      const normalized = normalizeListQuery(query);
      const sql = listBriefsSql(normalized, { briefs, tags }, (index) => `$${index}`);
      const result = await guard('list briefs', () => pool.query<ListRow>(sql.text, sql.values));
      return pageFromRows(result.rows, normalized.limit, normalized.descending);
    },
    async search(query) {
      const sql = postgresSearchSql(normalizeSearchQuery(query), { briefs, tags, search });
      const result = await guard('search briefs', () => pool.query<{ brief: unknown }>(sql.text, sql.values));
      return result.rows.map((row) => parseStoredBrief(row.brief));
    },
    async resolvePaperId(id) {
      const result = await guard('resolve a paper id', () =>
        pool.query<{ paper_id: string }>(`SELECT paper_id FROM ${aliases} WHERE alias = $1`, [id]),
      );
      return result.rows[0]?.paper_id ?? id;
    },
    async linkAlias(alias, paperId) {
      if (alias === paperId) return { moved: 0 };
      return guard('link a paper alias', () => linkPostgresAlias(pool, { briefs, aliases }, alias, paperId));
    },
    async abstractFor(inputHash) {
      const result = await guard('read an abstract', () =>
        pool.query<{ abstract: string }>(`SELECT abstract FROM ${abstracts} WHERE input_hash = $1`, [
          inputHash,
        ]),
      );
      return result.rows[0]?.abstract;
    },
    async count() {
      const result = await guard('count briefs', () =>
        pool.query<{ count: string }>(`SELECT count(*) AS count FROM ${briefs}`),
      );
      return Number(result.rows[0]?.count ?? 0);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end();
    },
  };
}
