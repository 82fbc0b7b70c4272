import {
  DeliveryRecordSchema,
  type DeliveryEntry,
  type DeliveryQuery,
  type DeliveryRecord,
  type DisabledEndpoint,
} from '../delivery/delivery-log.js';
import { StoreError } from '../errors.js';

/**
 * SQL and row mapping shared by the SQLite and Postgres deliveries logs. Both write the same
 * columns; only the placeholders (`?` or `$n`) and the time type (ISO text or timestamptz) differ.
 */

/** Builds the n-th placeholder (1-based): `?` for SQLite, `$n` for Postgres. */
export type Placeholder = (index: number) => string;

export interface SqlText {
  text: string;
  values: unknown[];
}

const COLUMNS =
  'webhook_id, endpoint_id, paper_id, provider, model, prompt_version, input_hash, brief_created_at, ' +
  'status, attempts, replays, last_status_code, last_error, created_at, updated_at, delivered_at';

/**
 * The upsert of one attempt: a new delivery is inserted; a known one takes the new status and
 * last answer, adds the attempt, and keeps its first-recorded time and its delivered time.
 */
export function recordDeliverySql(
  entry: DeliveryEntry,
  now: string,
  table: string,
  place: Placeholder,
): SqlText {
  const { version } = entry;
  const delivered = entry.status === 'delivered';
  const values = [
    entry.webhookId,
    entry.endpointId,
    version.paperId,
    version.provider,
    version.model,
    version.promptVersion,
    version.inputHash,
    version.createdAt,
    entry.status,
    entry.attempted ? 1 : 0,
    0,
    entry.statusCode ?? null,
    delivered ? null : (entry.error ?? null),
    now,
    now,
    delivered ? now : null,
  ];
  // One placeholder per value: SQLite's `?` cannot be reused.
  const places = values.map((_, index) => place(index + 1)).join(', ');
  const text =
    `INSERT INTO ${table} AS d (${COLUMNS}) VALUES (${places}) ` +
    'ON CONFLICT (webhook_id) DO UPDATE SET status = excluded.status, ' +
    'attempts = d.attempts + excluded.attempts, last_status_code = excluded.last_status_code, ' +
    'last_error = excluded.last_error, updated_at = excluded.updated_at, ' +
    'delivered_at = COALESCE(excluded.delivered_at, d.delivered_at) ' +
    `RETURNING ${COLUMNS}`;
  return { text, values };
}

/** The SELECT of `DeliveryLog.list`. `since` must already be ISO-8601 UTC with milliseconds. */
export function listDeliveriesSql(query: DeliveryQuery, table: string, place: Placeholder): SqlText {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (value: unknown): string => {
    values.push(value);
    return place(values.length);
  };
  if (query.statuses !== undefined) {
    if (query.statuses.length === 0) conditions.push('1 = 0');
    else conditions.push(`status IN (${query.statuses.map((status) => add(status)).join(', ')})`);
  }
  if (query.endpointId !== undefined) conditions.push(`endpoint_id = ${add(query.endpointId)}`);
  if (query.since !== undefined) conditions.push(`created_at >= ${add(query.since)}`);
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  const direction = query.order === 'oldest' ? 'ASC' : 'DESC';
  const limit = query.limit === undefined ? '' : ` LIMIT ${add(query.limit)}`;
  return {
    text: `SELECT ${COLUMNS} FROM ${table}${where} ORDER BY created_at ${direction}, webhook_id ${direction}${limit}`,
    values,
  };
}

/** A row of `deliveries` as either driver returns it. */
export interface DeliveryRow {
  webhook_id: string;
  endpoint_id: string;
  paper_id: string;
  provider: string;
  model: string;
  prompt_version: string;
  input_hash: string;
  brief_created_at: string;
  status: string;
  attempts: number | string;
  replays: number | string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  delivered_at: string | Date | null;
}

/** A time column as ISO-8601 UTC: SQLite keeps the text, Postgres hands over a Date. */
export function isoTime(value: string | Date): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/**
 * A row read back, checked against DeliveryRecordSchema.
 * @throws StoreError (`corrupt_delivery`) when the row no longer fits it.
 */
export function deliveryFromRow(row: DeliveryRow): DeliveryRecord {
  const parsed = DeliveryRecordSchema.safeParse({
    webhookId: row.webhook_id,
    endpointId: row.endpoint_id,
    paperId: row.paper_id,
    provider: row.provider,
    model: row.model,
    promptVersion: row.prompt_version,
    inputHash: row.input_hash,
    briefCreatedAt: row.brief_created_at,
    status: row.status,
    attempts: Number(row.attempts),
    replays: Number(row.replays),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    deliveredAt: row.delivered_at === null ? null : isoTime(row.delivered_at),
  });
  if (!parsed.success) {
    throw new StoreError(
      'corrupt_delivery',
      `delivery ${row.webhook_id} is unreadable: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/** A row of `disabled_endpoints` as either driver returns it. */
export interface DisabledEndpointRow {
  endpoint_id: string;
  disabled_at: string | Date;
  reason: string;
  webhook_id: string;
}

export function disabledEndpointFromRow(row: DisabledEndpointRow): DisabledEndpoint {
  return {
    endpointId: row.endpoint_id,
    disabledAt: isoTime(row.disabled_at),
    reason: row.reason,
    webhookId: row.webhook_id,
  };
}
