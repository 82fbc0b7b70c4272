import { z } from 'zod';
import type { BriefVersion } from './webhook-event.js';

/**
 * The deliveries log: one record per delivery (webhook-id = brief version × endpoint) with what its
 * attempts came to, and which endpoints are disabled (they answered 410). Kept in the store's
 * database (src/stores/sqlite-delivery-log.ts, postgres-delivery-log.ts); one contract suite runs
 * on both (test/delivery/delivery-log-contract.ts).
 */

/**
 * Where a delivery stands:
 * - `pending`: not arrived yet; an attempt failed and another is scheduled (or a replay is queued).
 * - `delivered`: the endpoint answered 2xx.
 * - `failed`: every scheduled attempt failed; kept for `deliveries replay`.
 * - `gone`: the endpoint answered 410; it is now disabled.
 * - `refused`: the URL, its address or the secret is not allowed; retrying cannot help.
 * - `skipped`: not sent, because the endpoint was disabled at the time.
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'gone', 'refused', 'skipped'] as const;
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** The statuses `--failed` selects: deliveries that ended without arriving. */
export const UNDELIVERED_STATUSES: readonly DeliveryStatus[] = ['failed', 'gone', 'refused', 'skipped'];

/** One delivery, as the log keeps it. Times are ISO-8601 UTC with milliseconds. */
export const DeliveryRecordSchema = z.object({
  webhookId: z.string().min(1),
  endpointId: z.string().min(1),
  paperId: z.string().min(1),
  provider: z.string().min(1),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
  /** The brief version delivered: `provenance.input_hash` and `provenance.created_at`. */
  inputHash: z.string().min(1),
  briefCreatedAt: z.string().min(1),
  status: DeliveryStatusSchema,
  /** Requests made, over every round (the first send and its retries, then each replay's). */
  attempts: z.number().int().nonnegative(),
  /** Times the delivery was replayed (`deliveries replay`). */
  replays: z.number().int().nonnegative(),
  /** The HTTP status of the last answer; null when the last attempt got none (or none was made). */
  lastStatusCode: z.number().int().nullable(),
  /** One line on the last attempt that did not deliver (never a secret); null after a delivery. */
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** What one attempt (or one skip) came to, for `DeliveryLog.record`. */
export interface DeliveryEntry {
  webhookId: string;
  endpointId: string;
  version: BriefVersion;
  status: DeliveryStatus;
  /** True when a request was made (false for `skipped` and checks that stopped before sending). */
  attempted: boolean;
  statusCode?: number | undefined;
  /** Why it did not deliver; ignored for `delivered`. */
  error?: string | undefined;
}

/** An endpoint the log has disabled (it answered 410), until `enableEndpoint`. */
export interface DisabledEndpoint {
  endpointId: string;
  disabledAt: string;
  reason: string;
  /** The delivery that got the 410. */
  webhookId: string;
}

/** Which deliveries `list` returns. */
export interface DeliveryQuery {
  /** Only these statuses. @default every status */
  statuses?: readonly DeliveryStatus[] | undefined;
  endpointId?: string | undefined;
  /** Only deliveries first recorded at or after this ISO date-time. */
  since?: string | undefined;
  /** At most this many. @default no limit */
  limit?: number | undefined;
  /** `newest` (the default, for reading) or `oldest` first (for replaying in order). */
  order?: 'newest' | 'oldest' | undefined;
}

export interface DeliveryLog {
  /**
   * Records an attempt's outcome (or a skip): creates the delivery's record or updates it,
   * counting the attempt when `attempted`. Returns the record as stored.
   * @throws StoreError
   */
  record(entry: DeliveryEntry): Promise<DeliveryRecord>;
  /** The delivery with this webhook-id, if recorded. */
  get(webhookId: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries matching `query`, by first-recorded time then webhook-id. */
  list(query?: DeliveryQuery): Promise<DeliveryRecord[]>;
  /**
   * Marks a delivery as queued again for replay round `round` (1 for the first replay): status
   * `pending`, `replays` raised to `round`. Returns false when no such delivery is recorded.
   */
  markReplayed(webhookId: string, round: number): Promise<boolean>;
  /** Disables an endpoint (it answered 410); later deliveries to it are skipped. Idempotent. */
  disableEndpoint(endpoint: DisabledEndpoint): Promise<void>;
  /** Enables a disabled endpoint again; returns what was disabled, or undefined when it was not. */
  enableEndpoint(endpointId: string): Promise<DisabledEndpoint | undefined>;
  /** The endpoint's disabled state, or undefined when it is enabled. */
  disabledEndpoint(endpointId: string): Promise<DisabledEndpoint | undefined>;
  /** Every disabled endpoint, by id. */
  disabledEndpoints(): Promise<DisabledEndpoint[]>;
}
