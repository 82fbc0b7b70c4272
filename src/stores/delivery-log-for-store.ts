import type { DeliveryLog } from '../delivery/delivery-log.js';
import { ConfigError } from '../errors.js';
import { createPostgresDeliveryLog } from './postgres-delivery-log.js';
import type { PostgresStore } from './postgres-store.js';
import { createSqliteDeliveryLog } from './sqlite-delivery-log.js';
import type { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/**
 * The deliveries log kept beside the briefs of `store` (same file or schema, same connection):
 * callers that got a plain `Store` (e.g. from `openConfiguredStore`) need not know its backend.
 * @throws ConfigError for a Store that is neither the SQLite nor the Postgres store.
 */
export function deliveryLogFor(store: Store, options: { now?: () => Date } = {}): DeliveryLog {
  const kind = (store as Partial<SqliteStore | PostgresStore>).kind;
  if (kind === 'sqlite') return createSqliteDeliveryLog(store as SqliteStore, options);
  if (kind === 'postgres') return createPostgresDeliveryLog(store as PostgresStore, options);
  throw new ConfigError('the deliveries log needs the SQLite or the Postgres store');
}
