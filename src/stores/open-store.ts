import type { Logger } from 'pino';
import { createPostgresStore, type PostgresStore } from './postgres-store.js';
import { createSqliteStore, type SqliteStore } from './sqlite-store.js';

export interface OpenStoreDeps {
  /** The clock of `stored_at`. @default () => new Date() */
  now?: () => Date;
  /** Reports errors of idle Postgres connections. */
  logger?: Logger;
  /** Postgres only: the schema of the tables. @default 'public' */
  schema?: string;
  /** SQLite only: how long a write waits for the file's lock, in milliseconds. @default 5000 */
  busyTimeoutMs?: number;
}

/** True for a `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/**
 * Opens the store at `location`: Postgres for a `postgres://` or `postgresql://` URL, otherwise
 * a SQLite file at that path (created with its folders when missing). Migrations run on open.
 * @throws StoreError when the store cannot be opened.
 */
export async function openStore(
  location: string,
  deps: OpenStoreDeps = {},
): Promise<SqliteStore | PostgresStore> {
  if (isPostgresUrl(location)) {
    return createPostgresStore({
      connectionString: location.trim(),
      ...(deps.schema === undefined ? {} : { schema: deps.schema }),
      ...(deps.now === undefined ? {} : { now: deps.now }),
      ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    });
  }
  return createSqliteStore({
    path: location,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: deps.busyTimeoutMs }),
  });
}
