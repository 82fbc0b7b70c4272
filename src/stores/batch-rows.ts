import type { BriefKey } from '../briefs/brief.js';
import { StoreError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import {
  BatchPaperRecordSchema,
  BatchRecordSchema,
  ENDED_BATCH_STATUSES,
  type BatchChange,
  type BatchPaperClaim,
  type BatchPaperRecord,
  type BatchRecord,
  type BatchSummary,
} from './batch-records.js';
import type { Placeholder, SqlText } from './delivery-rows.js';

/**
 * SQL and row mapping shared by the SQLite and Postgres batch records (batch-records.ts). Both
 * keep times as ISO-8601 text, which sorts in time order, and differ only in placeholders.
 */

export interface BatchTables {
  batches: string;
  papers: string;
}

const BATCH_COLUMNS: ReadonlyArray<[keyof BatchRecord, string]> = [
  ['id', 'id'],
  ['providerBatchId', 'provider_batch_id'],
  ['provider', 'provider'],
  ['model', 'model'],
  ['promptVersion', 'prompt_version'],
  ['status', 'status'],
  ['inputFileId', 'input_file_id'],
  ['outputFileId', 'output_file_id'],
  ['errorFileId', 'error_file_id'],
  ['requestCount', 'request_count'],
  ['estimatedCostUsd', 'estimated_cost_usd'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['collectedAt', 'collected_at'],
  ['detail', 'detail'],
];
const COLUMN_OF = new Map(BATCH_COLUMNS);

export function insertBatchSql(batch: BatchRecord, tables: BatchTables, place: Placeholder): SqlText {
  const columns = BATCH_COLUMNS.map(([, column]) => column);
  return {
    text: `INSERT INTO ${tables.batches} (${columns.join(', ')}) VALUES (${columns.map((_, index) => place(index + 1)).join(', ')})`,
    values: BATCH_COLUMNS.map(([field]) => batch[field]),
  };
}

/** One paper row's values, in the column order of `PAPER_COLUMNS`. */
export const PAPER_COLUMNS = ['batch_id', 'custom_id', 'seq', 'paper_id', 'paper', 'state'] as const;
export function paperRowValues(
  batchId: string,
  papers: ReadonlyArray<{ customId: string; paper: Paper }>,
): unknown[][] {
  return papers.map(({ customId, paper }, index) => [
    batchId,
    customId,
    index,
    paper.id,
    JSON.stringify(paper),
    'pending',
  ]);
}

export function updateBatchSql(
  id: string,
  change: BatchChange,
  at: string,
  tables: BatchTables,
  place: Placeholder,
): SqlText {
  const entries = Object.entries({ ...change, updatedAt: at }).filter(([, value]) => value !== undefined);
  const sets = entries.map(
    ([field], index) => `${COLUMN_OF.get(field as keyof BatchRecord)} = ${place(index + 1)}`,
  );
  return {
    text: `UPDATE ${tables.batches} SET ${sets.join(', ')} WHERE id = ${place(entries.length + 1)}`,
    values: [...entries.map(([, value]) => value), id],
  };
}

/** Batches with their paper counts; `where` filters `b`. Newest first. */
export function selectBatchesSql(tables: BatchTables, where = ''): string {
  const count = (state: string) => `COALESCE(SUM(CASE WHEN p.state = '${state}' THEN 1 ELSE 0 END), 0)`;
  return (
    `SELECT b.*, ${count('pending')} AS pending, ${count('claimed')} AS claimed, ` +
    `${count('briefed')} AS briefed, ${count('failed')} AS failed ` +
    `FROM ${tables.batches} b LEFT JOIN ${tables.papers} p ON p.batch_id = b.id ${where} ` +
    'GROUP BY b.id ORDER BY b.created_at DESC, b.id DESC'
  );
}

export function batchPapersSql(tables: BatchTables, place: Placeholder): string {
  return `SELECT batch_id, custom_id, paper_id, paper, state, reason FROM ${tables.papers} WHERE batch_id = ${place(1)} ORDER BY seq`;
}

export function papersInOpenBatchesSql(
  key: Omit<BriefKey, 'paperId'>,
  tables: BatchTables,
  place: Placeholder,
): SqlText {
  const ended = [...ENDED_BATCH_STATUSES].map((status) => `'${status}'`).join(', ');
  return {
    text:
      `SELECT DISTINCT p.paper_id FROM ${tables.papers} p JOIN ${tables.batches} b ON b.id = p.batch_id ` +
      `WHERE b.provider = ${place(1)} AND b.model = ${place(2)} AND b.prompt_version = ${place(3)} ` +
      `AND p.state IN ('pending', 'claimed') AND b.status NOT IN (${ended})`,
    values: [key.provider, key.model, key.promptVersion],
  };
}

export function claimPaperSql(
  batchId: string,
  customId: string,
  claim: BatchPaperClaim,
  tables: BatchTables,
  place: Placeholder,
): SqlText {
  return {
    text:
      `UPDATE ${tables.papers} SET state = 'claimed', claimed_by = ${place(1)}, claimed_at = ${place(2)} ` +
      `WHERE batch_id = ${place(3)} AND custom_id = ${place(4)} ` +
      `AND (state = 'pending' OR (state = 'claimed' AND claimed_at < ${place(5)}))`,
    values: [claim.by, claim.at, batchId, customId, claim.staleBefore],
  };
}

export function settlePaperSql(
  batchId: string,
  customId: string,
  by: string,
  outcome: { state: string; reason?: string | null },
  tables: BatchTables,
  place: Placeholder,
): SqlText {
  return {
    text:
      `UPDATE ${tables.papers} SET state = ${place(1)}, reason = ${place(2)}, claimed_by = NULL, claimed_at = NULL ` +
      `WHERE batch_id = ${place(3)} AND custom_id = ${place(4)} AND state = 'claimed' AND claimed_by = ${place(5)}`,
    values: [outcome.state, outcome.reason ?? null, batchId, customId, by],
  };
}

/** A row of `selectBatchesSql` as a BatchSummary. @throws StoreError for a row that does not parse. */
export function batchFromRow(row: Record<string, unknown>): BatchSummary {
  const fields = Object.fromEntries(BATCH_COLUMNS.map(([field, column]) => [field, row[column]]));
  fields.requestCount = Number(fields.requestCount);
  fields.estimatedCostUsd = Number(fields.estimatedCostUsd);
  const parsed = BatchRecordSchema.safeParse(fields);
  if (!parsed.success) {
    throw new StoreError(
      'store_corrupt',
      `stored batch ${String(row.id)} does not parse: ${parsed.error.message}`,
    );
  }
  return {
    ...parsed.data,
    papers: {
      pending: Number(row.pending),
      claimed: Number(row.claimed),
      briefed: Number(row.briefed),
      failed: Number(row.failed),
    },
  };
}

export function batchPaperFromRow(row: Record<string, unknown>): BatchPaperRecord {
  const paper = typeof row.paper === 'string' ? (JSON.parse(row.paper) as unknown) : row.paper;
  const parsed = BatchPaperRecordSchema.safeParse({
    batchId: row.batch_id,
    customId: row.custom_id,
    paperId: row.paper_id,
    paper,
    state: row.state,
    reason: row.reason ?? null,
  });
  if (!parsed.success) {
    throw new StoreError(
      'store_corrupt',
      `stored batch paper ${String(row.custom_id)} does not parse: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}
