export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-query.js';
export { isPostgresUrl, openStore, type OpenStoreDeps } from './open-store.js';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres-migrations.js';
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { SQLITE_MIGRATIONS, type SqliteMigration } from './sqlite-migrations.js';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type { BriefPage, ListBriefsQuery, PaperText, SearchBriefsQuery, Store } from './store.js';
export { searchWords } from './search-text.js';
export { deliveryLogFor } from './delivery-log-for-store.js';
export { createPostgresDeliveryLog, type PostgresDeliveryLogOptions } from './postgres-delivery-log.js';
export { createSqliteDeliveryLog, type SqliteDeliveryLogOptions } from './sqlite-delivery-log.js';
export {
  BatchStatusSchema,
  ENDED_BATCH_STATUSES,
  type BatchChange,
  type BatchPaperClaim,
  type BatchPaperRecord,
  type BatchPaperState,
  type BatchRecord,
  type BatchRecords,
  type BatchStatus,
  type BatchSummary,
} from './batch-records.js';
