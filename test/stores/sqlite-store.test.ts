import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { briefKeyOf } from '../../src/briefs/brief.js';
import { SQLITE_MIGRATIONS, migrateSqlite } from '../../src/stores/sqlite-migrations.js';
import { createSqliteStore } from '../../src/stores/sqlite-store.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { describeStoreContract } from './store-contract.js';

const root = mkdtempSync(join(tmpdir(), 'paperbrief-sqlite-'));
let stores = 0;
const newPath = () => join(root, `store-${++stores}`, 'nested', 'paperbrief.db');

describeStoreContract('sqlite', {
  async create(clock) {
    const path = newPath();
    return {
      store: createSqliteStore({ path, now: clock.now }),
      reopen: async () => createSqliteStore({ path, now: clock.now }),
    };
  },
  async cleanup() {
    rmSync(root, { recursive: true, force: true });
  },
});

describe('sqlite store', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the parent folders and opens the file in WAL mode with a busy timeout', async () => {
    const path = newPath();
    const store = createSqliteStore({ path, busyTimeoutMs: 1_234 });
    try {
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.database.pragma('busy_timeout', { simple: true })).toBe(1_234);
      const versions = store.database
        .prepare('SELECT version FROM schema_migrations ORDER BY version')
        .pluck()
        .all();
      expect(versions).toEqual(SQLITE_MIGRATIONS.map((migration) => migration.version));
    } finally {
      await store.close();
    }
  });

  it('indexes for search the briefs stored before the search table existed', async () => {
    const path = newPath();
    mkdirSync(dirname(path), { recursive: true });
    const old = new Database(path);
    migrateSqlite(old, SQLITE_MIGRATIONS.slice(0, 2));
    const brief = briefFixture();
    old
      .prepare(
        'INSERT INTO briefs (paper_id, provider, model, prompt_version, stored_at, brief) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        '2406.04312',
        'extractive',
        'extractive-v1',
        'v1',
        '2026-01-01T00:00:00.000Z',
        JSON.stringify(brief),
      );
    old.close();
    const store = createSqliteStore({ path });
    try {
      expect(await store.search({ q: 'routevit imagenet' })).toEqual([brief]);
    } finally {
      await store.close();
    }
  });

  it('works in memory', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.put(briefFixture());
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it('refuses a file written by a newer schema', async () => {
    const path = newPath();
    await createSqliteStore({ path }).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '')").run();
    raw.close();
    expect(() => createSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'schema_too_new' }));
  });

  it('fails with a StoreError when the path cannot be a database', () => {
    const folder = join(root, 'a-folder.db');
    mkdirSync(folder, { recursive: true });
    expect(() => createSqliteStore({ path: folder })).toThrow(
      expect.objectContaining({ name: 'StoreError', code: 'store_failed', retryable: false }),
    );
  });

  it('reports a file locked past the busy timeout as a retryable StoreError', async () => {
    const path = newPath();
    const store = createSqliteStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(store.put(briefFixture())).rejects.toMatchObject({ code: 'store_busy', retryable: true });
      expect(await store.get(briefKeyOf(briefFixture()))).toBeUndefined(); // readers are not blocked
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  });

  it('reports a full or read-only store as retryable store_unwritable, keeping what is stored', async () => {
    const store = createSqliteStore({ path: newPath() });
    await store.put(briefFixture());
    const pages = store.database.pragma('page_count', { simple: true }) as number;
    store.database.pragma(`max_page_count = ${pages}`);
    const many = Array.from({ length: 50 }, (_, index) =>
      briefFixture({ paper: { id: `2406.${String(index).padStart(5, '0')}` } }),
    );
    const full = await Promise.all(many.map((brief) => store.put(brief).catch((error: unknown) => error)));
    expect(full.find((result) => result instanceof Error)).toMatchObject({
      code: 'store_unwritable',
      retryable: true,
      message: expect.stringContaining('SQLITE_FULL'),
    });
    store.database.pragma('query_only = ON');
    await expect(store.put(briefFixture({ paper: { id: '2406.99999' } }))).rejects.toMatchObject({
      code: 'store_unwritable',
      retryable: true,
      message: expect.stringContaining('SQLITE_READONLY'),
    });
    expect(await store.get(briefKeyOf(briefFixture()))).toBeDefined();
    await store.close();
  });

  it('lets two processes write the same file at once', async () => {
    const path = newPath();
    const script = fileURLToPath(new URL('./sqlite-writer.ts', import.meta.url));
    const perWriter = 300;
    const writers = ['alpha', 'beta'].map((name) =>
      fork(script, [path, name, String(perWriter)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' }),
    );
    try {
      await Promise.all(writers.map((child) => nextMessage(child)));
      writers.forEach((child) => child.send('go'));
      const results = await Promise.all(writers.map((child) => nextMessage(child)));
      const created = results.flatMap((result) => (result as { created: string[] }).created);
      const shared = perWriter / 2;
      // Every key was created exactly once, whichever process got there first.
      expect(created).toHaveLength(shared + 2 * (perWriter - shared));
      expect(new Set(created).size).toBe(created.length);
      const store = createSqliteStore({ path });
      expect(await store.count()).toBe(created.length);
      await store.close();
    } finally {
      writers.forEach((child) => child.kill());
    }
  });
});

/** The child's next IPC message; rejects if it exits first. */
async function nextMessage(child: ChildProcess): Promise<unknown> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`writer process exited with code ${String(code)} before answering`);
  });
  const [message] = await Promise.race([once(child, 'message'), exited]);
  exited.catch(() => undefined);
  return message;
}
