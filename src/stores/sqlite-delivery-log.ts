import type { DeliveryLog, DeliveryQuery } from '../delivery/delivery-log.js';
import {
  type DeliveryRow,
  type DisabledEndpointRow,
  deliveryFromRow,
  disabledEndpointFromRow,
  listDeliveriesSql,
  recordDeliverySql,
} from './delivery-rows.js';
import { preparedStatements } from './prepared-statements.js';
import { guard } from './sqlite-guard.js';
import type { SqliteStore } from './sqlite-store.js';

export interface SqliteDeliveryLogOptions {
  /** The clock of the log's times. @default () => new Date() */
  now?: () => Date;
}

const placeholder = () => '?';

/**
 * The deliveries log in a SQLite store's file (tables from migration 2). Shares the store's
 * connection, so it lives and closes with the store.
 */
export function createSqliteDeliveryLog(
  store: Pick<SqliteStore, 'database'>,
  options: SqliteDeliveryLogOptions = {},
): DeliveryLog {
  const database = store.database;
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const statements = {
    get: database.prepare<unknown[], DeliveryRow>('SELECT * FROM deliveries WHERE webhook_id = ?'),
    replayed: database.prepare(
      "UPDATE deliveries SET status = 'pending', replays = max(replays, ?), updated_at = ? WHERE webhook_id = ?",
    ),
    disable: database.prepare(
      'INSERT INTO disabled_endpoints (endpoint_id, disabled_at, reason, webhook_id) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (endpoint_id) DO NOTHING',
    ),
    enable: database.prepare<unknown[], DisabledEndpointRow>(
      'DELETE FROM disabled_endpoints WHERE endpoint_id = ? RETURNING *',
    ),
    disabled: database.prepare<unknown[], DisabledEndpointRow>(
      'SELECT * FROM disabled_endpoints WHERE endpoint_id = ?',
    ),
    allDisabled: database.prepare<unknown[], DisabledEndpointRow>(
      'SELECT * FROM disabled_endpoints ORDER BY endpoint_id',
    ),
  };
  // A list query has one of a few shapes (which filters are set); each is prepared once.
  const statementFor = preparedStatements<DeliveryRow>(database);

  return {
    async record(entry) {
      const sql = recordDeliverySql(entry, now(), 'deliveries', placeholder);
      const row = guard('record a delivery', () => statementFor(sql.text).get(...sql.values));
      return deliveryFromRow(row as DeliveryRow);
    },
    async get(webhookId) {
      const row = guard('read a delivery', () => statements.get.get(webhookId));
      return row ? deliveryFromRow(row) : undefined;
    },
    async list(query: DeliveryQuery = {}) {
      const sql = listDeliveriesSql(query, 'deliveries', placeholder);
      const rows = guard('list deliveries', () => statementFor(sql.text).all(...sql.values));
      return rows.map(deliveryFromRow);
    },
    async markReplayed(webhookId, round) {
      const result = guard('mark a delivery replayed', () =>
        statements.replayed.run(round, now(), webhookId),
      );
      return result.changes > 0;
    },
    async disableEndpoint(endpoint) {
      guard('disable an endpoint', () =>
        statements.disable.run(endpoint.endpointId, endpoint.disabledAt, endpoint.reason, endpoint.webhookId),
      );
    },
    async enableEndpoint(endpointId) {
      const row = guard('enable an endpoint', () => statements.enable.get(endpointId));
      return row ? disabledEndpointFromRow(row) : undefined;
    },
    async disabledEndpoint(endpointId) {
      const row = guard('read an endpoint', () => statements.disabled.get(endpointId));
      return row ? disabledEndpointFromRow(row) : undefined;
    },
    async disabledEndpoints() {
      const rows = guard('list disabled endpoints', () => statements.allDisabled.all());
      return rows.map(disabledEndpointFromRow);
    },
  };
}
