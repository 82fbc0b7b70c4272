export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-query.js';
export { isPostgresUrl, openStore, type OpenStoreDeps } from './open-store.js';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres-migrations.js';
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { BriefPage, ListBriefsQuery, Store } from './store.js';
