import type { DeliveryLog, DeliveryQuery } from '../delivery/delivery-log.js';
import {
  type DeliveryRow,
  type DisabledEndpointRow,
  deliveryFromRow,
  disabledEndpointFromRow,
  listDeliveriesSql,
  recordDeliverySql,
} from './delivery-rows.js';
import { guard } from './postgres-guard.js';
import type { PostgresStore } from './postgres-store.js';

export interface PostgresDeliveryLogOptions {
  /** The clock of the log's times. @default () => new Date() */
  now?: () => Date;
}

const placeholder = (index: number) => `$${index}`;

/**
 * The deliveries log in a Postgres store's schema (tables from migration 2). Uses the store's
 * pool, so it lives and closes with the store.
 */
export function createPostgresDeliveryLog(
  store: Pick<PostgresStore, 'pool' | 'table'>,
  options: PostgresDeliveryLogOptions = {},
): DeliveryLog {
  const { pool } = store;
  const deliveries = store.table('deliveries');
  const disabled = store.table('disabled_endpoints');
  const now = () => (options.now ?? (() => new Date()))().toISOString();

  return {
    async record(entry) {
      const sql = recordDeliverySql(entry, now(), deliveries, placeholder);
      const result = await guard('record a delivery', () => pool.query<DeliveryRow>(sql.text, sql.values));
      return deliveryFromRow(result.rows[0] as DeliveryRow);
    },
    async get(webhookId) {
      const result = await guard('read a delivery', () =>
        pool.query<DeliveryRow>(`SELECT * FROM ${deliveries} WHERE webhook_id = $1`, [webhookId]),
      );
      return result.rows[0] ? deliveryFromRow(result.rows[0]) : undefined;
    },
    async list(query: DeliveryQuery = {}) {
      const sql = listDeliveriesSql(query, deliveries, placeholder);
      const result = await guard('list deliveries', () => pool.query<DeliveryRow>(sql.text, sql.values));
      return result.rows.map(deliveryFromRow);
    },
    async markReplayed(webhookId, round) {
      const result = await guard('mark a delivery replayed', () =>
        pool.query(
          `UPDATE ${deliveries} SET status = 'pending', replays = greatest(replays, $1), updated_at = $2 ` +
            'WHERE webhook_id = $3',
          [round, now(), webhookId],
        ),
      );
      return (result.rowCount ?? 0) > 0;
    },
    async disableEndpoint(endpoint) {
      await guard('disable an endpoint', () =>
        pool.query(
          `INSERT INTO ${disabled} (endpoint_id, disabled_at, reason, webhook_id) VALUES ($1, $2, $3, $4) ` +
            'ON CONFLICT (endpoint_id) DO NOTHING',
          [endpoint.endpointId, endpoint.disabledAt, endpoint.reason, endpoint.webhookId],
        ),
      );
    },
    async enableEndpoint(endpointId) {
      const result = await guard('enable an endpoint', () =>
        pool.query<DisabledEndpointRow>(`DELETE FROM ${disabled} WHERE endpoint_id = $1 RETURNING *`, [
          endpointId,
        ]),
      );
      return result.rows[0] ? disabledEndpointFromRow(result.rows[0]) : undefined;
    },
    async disabledEndpoint(endpointId) {
      const result = await guard('read an endpoint', () =>
        pool.query<DisabledEndpointRow>(`SELECT * FROM ${disabled} WHERE endpoint_id = $1`, [endpointId]),
      );
      return result.rows[0] ? disabledEndpointFromRow(result.rows[0]) : undefined;
    },
    async disabledEndpoints() {
      const result = await guard('list disabled endpoints', () =>
        pool.query<DisabledEndpointRow>(`SELECT * FROM ${disabled} ORDER BY endpoint_id`),
      );
      return result.rows.map(disabledEndpointFromRow);
    },
  };
}
