import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  type ListRow,
  type PreparedBrief,
  keyValues,
  pageFromRows,
  parseStoredBrief,
  prepareBrief,
  storedSearchDocument,
  withPaperId,
} from './brief-rows.js';
import { createSqliteBatchRecords } from './sqlite-batch-records.js';
import { guard } from './sqlite-guard.js';
import { listBriefsSql, normalizeListQuery } from './list-query.js';
import { preparedStatements } from './prepared-statements.js';
import { normalizeSearchQuery, sqliteSearchSql } from './search-query.js';
import { migrateSqlite } from './sqlite-migrations.js';
import type { BriefPage, ListBriefsQuery, Store } from './store.js';

/** What `checkWritable` commits: room for a handful of briefs. */
const WRITE_PROBE_BYTES = 256 * 1024;

export interface SqliteStoreOptions {
  /** The database file (parent folders are created), or `:memory:`. */
  path: string;
  /**
   * How long a write waits for another connection's lock before failing with a retryable
   * StoreError, in milliseconds. better-sqlite3 waits synchronously. @default 5000
   */
  busyTimeoutMs?: number;
  /** The clock of `stored_at`. @default () => new Date() */
  now?: () => Date;
}

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly path: string;
  /** The open connection, for modules that keep their own tables in this file (src/stores/README.md). */
  readonly database: Database.Database;
  /** Commits (and deletes) a few briefs' worth of bytes: rejects while the disk is too full. */
  checkWritable(): Promise<void>;
}

const KEY_WHERE = 'paper_id = ? AND provider = ? AND model = ? AND prompt_version = ?';

/**
 * Opens (and creates or migrates) a SQLite brief store: WAL journal, so readers never wait for
 * the writer and several processes can share the file; every write is an IMMEDIATE transaction
 * that waits up to `busyTimeoutMs` for the file's write lock.
 * @throws StoreError when the file cannot be opened or its schema is newer than this code.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const now = options.now ?? (() => new Date());
  const database = openDatabase(options.path, options.busyTimeoutMs ?? 5_000);

  const statements = {
    selectId: database.prepare<unknown[], { id: number }>(`SELECT id FROM briefs WHERE ${KEY_WHERE}`),
    insert: database.prepare(
      'INSERT INTO briefs (paper_id, provider, model, prompt_version, stored_at, brief) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    update: database.prepare('UPDATE briefs SET stored_at = ?, brief = ? WHERE id = ?'),
    deleteTags: database.prepare('DELETE FROM brief_tags WHERE brief_id = ?'),
    insertTag: database.prepare('INSERT OR IGNORE INTO brief_tags (tag, brief_id) VALUES (?, ?)'),
    get: database.prepare<unknown[], { brief: string }>(`SELECT brief FROM briefs WHERE ${KEY_WHERE}`),
    latest: database.prepare<unknown[], { brief: string }>(
      'SELECT brief FROM briefs WHERE paper_id = ' +
        'COALESCE((SELECT paper_id FROM paper_aliases WHERE alias = ?), ?) ' +
        'ORDER BY stored_at DESC, provider DESC, model DESC, prompt_version DESC LIMIT 1',
    ),
    count: database.prepare<unknown[], { count: number }>('SELECT count(*) AS count FROM briefs'),
    deleteSearch: database.prepare('DELETE FROM brief_search WHERE rowid = ?'),
    insertSearch: database.prepare(
      'INSERT INTO brief_search (rowid, heading, summary, evidence) VALUES (?, ?, ?, ?)',
    ),
    insertAbstract: database.prepare(
      'INSERT OR IGNORE INTO paper_abstracts (input_hash, abstract) VALUES (?, ?)',
    ),
    resolve: database.prepare<unknown[], { paper_id: string }>(
      'SELECT paper_id FROM paper_aliases WHERE alias = ?',
    ),
    upsertAlias: database.prepare(
      'INSERT INTO paper_aliases (alias, paper_id) VALUES (?, ?) ' +
        'ON CONFLICT (alias) DO UPDATE SET paper_id = excluded.paper_id',
    ),
    underAlias: database.prepare<
      unknown[],
      { id: number; provider: string; model: string; prompt_version: string; brief: string }
    >('SELECT id, provider, model, prompt_version, brief FROM briefs WHERE paper_id = ?'),
    deleteBrief: database.prepare('DELETE FROM briefs WHERE id = ?'),
    movePaper: database.prepare('UPDATE briefs SET paper_id = ?, brief = ? WHERE id = ?'),
    abstract: database.prepare<unknown[], { abstract: string }>(
      'SELECT abstract FROM paper_abstracts WHERE input_hash = ?',
    ),
  };

  const index = (id: number | bigint, search: PreparedBrief['search']): void => {
    statements.deleteSearch.run(id);
    statements.insertSearch.run(id, search.heading, search.summary, search.evidence);
  };

  const write = database.transaction(
    ({ key, json, tags, search, inputHash }: PreparedBrief, abstract?: string): boolean => {
      const storedAt = now().toISOString();
      const existing = statements.selectId.get(...key);
      let id: number | bigint;
      if (existing) {
        id = existing.id;
        statements.update.run(storedAt, json, id);
        statements.deleteTags.run(id);
      } else {
        id = statements.insert.run(...key, storedAt, json).lastInsertRowid;
      }
      for (const tag of tags) statements.insertTag.run(tag, id);
      index(id, search);
      if (abstract !== undefined) statements.insertAbstract.run(inputHash, abstract);
      return existing === undefined;
    },
  );
  indexMissingBriefs(database, index);

  const link = database.transaction((alias: string, paperId: string): number => {
    statements.upsertAlias.run(alias, paperId);
    let moved = 0;
    for (const row of statements.underAlias.all(alias)) {
      if (statements.selectId.get(paperId, row.provider, row.model, row.prompt_version)) {
        statements.deleteSearch.run(row.id);
        statements.deleteBrief.run(row.id);
      } else {
        statements.movePaper.run(paperId, withPaperId(row.brief, paperId), row.id);
        moved += 1;
      }
    }
    return moved;
  });

  // A list query has one of a few shapes (which filters are set); each is prepared once.
  const listStatement = preparedStatements<ListRow>(database);
  const searchStatement = preparedStatements<{ brief: string }>(database);

  let closed = false;
  return {
    kind: 'sqlite',
    path: options.path,
    database,
    ...createSqliteBatchRecords(database),
    async get(key) {
      const row = guard('get a brief', () => statements.get.get(...keyValues(key)));
      return row ? parseStoredBrief(row.brief) : undefined;
    },
    async put(brief, paper) {
      const prepared = prepareBrief(brief);
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
      // writes can fail at once with SQLITE_BUSY_SNAPSHOT when another process wrote in between.
      const created = guard('store a brief', () => write.immediate(prepared, paper?.abstract));
      return { created };
    },
    async search(query) {
      const sql = sqliteSearchSql(normalizeSearchQuery(query));
      const rows = guard('search briefs', () => searchStatement(sql.text).all(...sql.values));
      return rows.map((row) => parseStoredBrief(row.brief));
    },
    async resolvePaperId(id) {
      return guard('resolve a paper id', () => statements.resolve.get(id)?.paper_id ?? id);
    },
    async linkAlias(alias, paperId) {
      if (alias === paperId) return { moved: 0 };
      return { moved: guard('link a paper alias', () => link.immediate(alias, paperId)) };
    },
    async abstractFor(inputHash) {
      return guard('read an abstract', () => statements.abstract.get(inputHash)?.abstract);
    },
    async latestForPaper(paperId) {
      const row = guard('read the latest brief', () => statements.latest.get(paperId, paperId));
      return row ? parseStoredBrief(row.brief) : undefined;
    },
    async list(query?: ListBriefsQuery): Promise<BriefPage> {
      const normalized = normalizeListQuery(query);
      const sql = listBriefsSql(normalized, { briefs: 'briefs', tags: 'brief_tags' }, () => '?');
      const rows = guard('list briefs', () => listStatement(sql.text).all(...sql.values));
      return pageFromRows(rows, normalized.limit, normalized.descending);
    },
    async count() {
      return guard('count briefs', () => statements.count.get()?.count ?? 0);
    },
    async checkWritable() {
      // Room for briefs, not just for a page: a nearly full disk takes a one-page write and then
      // fails the next brief (its row, search index and aliases span dozens of pages). The probe
      // commits WRITE_PROBE_BYTES to a scratch table, then deletes them; the freed pages stay in
      // the file for the briefs that follow.
      guard('write to the store', () => {
        database.exec('CREATE TABLE IF NOT EXISTS write_probe (bytes BLOB NOT NULL)');
        database.exec('DELETE FROM write_probe'); // left by a probe that failed half way
        database.prepare('INSERT INTO write_probe (bytes) VALUES (zeroblob(?))').run(WRITE_PROBE_BYTES);
        database.exec('DELETE FROM write_probe');
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      database.close();
    },
  };
}

/**
 * Indexes the briefs stored before the search table existed (or by an older paperbrief), a page
 * at a time, each page one transaction. Costs one anti-join when nothing is missing.
 */
function indexMissingBriefs(
  database: Database.Database,
  index: (id: number | bigint, search: PreparedBrief['search']) => void,
): void {
  const missing = database.prepare<unknown[], { id: number; brief: string }>(
    'SELECT b.id, b.brief FROM briefs b WHERE NOT EXISTS ' +
      '(SELECT 1 FROM brief_search s WHERE s.rowid = b.id) ORDER BY b.id LIMIT 500',
  );
  const indexPage = database.transaction((rows: Array<{ id: number; brief: string }>) => {
    for (const row of rows) index(row.id, storedSearchDocument(row.brief));
  });
  guard('index stored briefs for search', () => {
    for (let rows = missing.all(); rows.length > 0; rows = missing.all()) indexPage.immediate(rows);
  });
}

function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  const inMemory = path === ':memory:' || path === '';
  return guard(`open the SQLite store at ${path}`, () => {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const database = new Database(path, { timeout: busyTimeoutMs });
    try {
      database.pragma('journal_mode = WAL');
      database.pragma('foreign_keys = ON');
      migrateSqlite(database);
      return database;
    } catch (error) {
      database.close();
      throw error;
    }
  });
}
