import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { storeLocation } from '../pipeline-parts.js';
import { ConfigError } from '../../errors.js';
import { openStore } from '../../stores/index.js';
import type { PostgresStore } from '../../stores/postgres-store.js';
import type { SqliteStore } from '../../stores/sqlite-store.js';
import { reasonOf, type CheckResult } from './doctor-check.js';
import { maskUrlPassword } from './mask-secret.js';

/**
 * Opens the store (which creates and migrates it), then writes a probe row and reads it back inside
 * a transaction that is rolled back: a store that opens but cannot be written (a read-only file
 * system, a role without write rights) fails here, and nothing is left behind.
 */
export async function checkStore(config: Config, logger: Logger): Promise<CheckResult> {
  let location: string;
  try {
    location = storeLocation(config);
  } catch (error) {
    return { name: 'store', status: 'config', detail: reasonOf(error) };
  }
  const variable = config.DATABASE_URL === undefined ? 'PAPERBRIEF_DB (--db)' : 'DATABASE_URL';
  const shown = `${config.DATABASE_URL === undefined ? 'sqlite' : 'postgres'} ${maskUrlPassword(location)}`;
  let store: SqliteStore | PostgresStore;
  try {
    store = await openStore(location, { logger });
  } catch (error) {
    const status = error instanceof ConfigError ? 'config' : 'down';
    return {
      name: 'store',
      status,
      detail: `${shown}: cannot open it (${reasonOf(error)}); check ${variable}`,
    };
  }
  try {
    const count = await store.count();
    await (store.kind === 'sqlite' ? probeSqlite(store) : probePostgres(store));
    return {
      name: 'store',
      status: 'ok',
      detail: `${shown}: opened, migrated, ${count} brief(s), probe written and read`,
    };
  } catch (error) {
    return {
      name: 'store',
      status: 'down',
      detail: `${shown}: opened but cannot be written (${reasonOf(error)}); check ${variable}`,
    };
  } finally {
    await store.close().catch(() => undefined);
  }
}

const PROBE_TABLE = 'paperbrief_doctor_probe';

async function probeSqlite(store: SqliteStore): Promise<void> {
  const database = store.database;
  const token = randomUUID();
  database.exec('BEGIN IMMEDIATE');
  try {
    database.exec(`CREATE TABLE ${PROBE_TABLE} (value TEXT)`);
    database.prepare(`INSERT INTO ${PROBE_TABLE} (value) VALUES (?)`).run(token);
    const row = database.prepare<unknown[], { value: string }>(`SELECT value FROM ${PROBE_TABLE}`).get();
    if (row?.value !== token) throw new Error('the probe row read back differs from the one written');
  } finally {
    database.exec('ROLLBACK');
  }
}

async function probePostgres(store: PostgresStore): Promise<void> {
  const client = await store.pool.connect();
  const token = randomUUID();
  const table = store.table(PROBE_TABLE);
  try {
    await client.query('BEGIN');
    await client.query(`CREATE TABLE ${table} (value text)`);
    await client.query(`INSERT INTO ${table} (value) VALUES ($1)`, [token]);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${table}`);
    if (rows[0]?.value !== token) throw new Error('the probe row read back differs from the one written');
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
