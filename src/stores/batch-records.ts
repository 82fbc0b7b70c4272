import { z } from 'zod';
import { PaperSchema, type Paper } from '../papers/paper.js';

/**
 * What the store keeps of Batch API batches (src/batch/), so that submitting, checking and
 * collecting never depend on one process staying alive: each batch, and each paper in it with
 * its state. Collectors take papers one at a time with a claim, so two collects of one batch
 * (or a re-run after a crash) never brief a paper twice and never lose one.
 */

/**
 * A batch's status: the Batch API's, plus `written` (its requests were written to a file for a
 * server without the Files API, `--batch-file-out`) and `uploading` (recorded, not yet created).
 */
export const BatchStatusSchema = z.enum([
  'written',
  'uploading',
  'validating',
  'in_progress',
  'finalizing',
  'completed',
  'failed',
  'expired',
  'cancelling',
  'cancelled',
]);
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

/** Statuses after which a batch answers nothing more: its unanswered papers may be submitted again. */
export const ENDED_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'expired', 'cancelled']);

export const BatchRecordSchema = z.object({
  /** Our id (`pbb-…`), also the prefix of every `custom_id` in the batch's requests. */
  id: z.string().min(1),
  /** The provider's batch id (`batch_…`); null for a written file or before the batch exists. */
  providerBatchId: z.string().nullable(),
  provider: z.string().min(1),
  model: z.string().min(1),
  promptVersion: z.string().min(1),
  status: BatchStatusSchema,
  inputFileId: z.string().nullable(),
  outputFileId: z.string().nullable(),
  errorFileId: z.string().nullable(),
  requestCount: z.number().int().nonnegative(),
  /** Cost estimated at submit time, at the model's batch price, in US dollars. */
  estimatedCostUsd: z.number().nonnegative(),
  /** ISO date-times. */
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When a collect found nothing left to do in this batch. */
  collectedAt: z.string().nullable(),
  /** The provider's errors, or why paperbrief stopped following the batch. */
  detail: z.string().nullable(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

/** What `updateBatch` may change. */
export type BatchChange = Partial<
  Pick<
    BatchRecord,
    'providerBatchId' | 'status' | 'inputFileId' | 'outputFileId' | 'errorFileId' | 'collectedAt' | 'detail'
  >
>;

export const BatchPaperStateSchema = z.enum(['pending', 'claimed', 'briefed', 'failed']);
/** `pending` → `claimed` (a collect is on it) → `briefed`, or `failed` with a reason. */
export type BatchPaperState = z.infer<typeof BatchPaperStateSchema>;

export const BatchPaperRecordSchema = z.object({
  batchId: z.string(),
  customId: z.string(),
  paperId: z.string(),
  /** The paper as read at submit time: collect grounds the answer against it. */
  paper: PaperSchema,
  state: BatchPaperStateSchema,
  /** Why it failed (the line's error, `batch_expired`, the answer's problem). */
  reason: z.string().nullable(),
});
export type BatchPaperRecord = z.infer<typeof BatchPaperRecordSchema>;

/** A batch with how many of its papers are in each state. */
export interface BatchSummary extends BatchRecord {
  papers: Record<BatchPaperState, number>;
}

export interface BatchPaperClaim {
  /** The collect run taking the paper (a random id per run). */
  by: string;
  /** Now, ISO. */
  at: string;
  /** A claim older than this (ISO) belongs to a collect that died: it may be taken over. */
  staleBefore: string;
}

/** The store's batch records; both stores implement them and pass the contract. */
export interface BatchRecords {
  /** Records a batch and its papers (all `pending`) in one transaction. */
  addBatch(batch: BatchRecord, papers: ReadonlyArray<{ customId: string; paper: Paper }>): Promise<void>;
  /** Changes a batch's fields and stamps `updatedAt`. */
  updateBatch(id: string, change: BatchChange, at: string): Promise<void>;
  /** A batch by our id or the provider's. */
  getBatch(id: string): Promise<BatchSummary | undefined>;
  /** Every batch, newest first. */
  listBatches(): Promise<BatchSummary[]>;
  /** The papers of a batch, in submit order. */
  batchPapers(batchId: string): Promise<BatchPaperRecord[]>;
  /**
   * Ids of papers waiting for an answer (pending or claimed) under this provider, model and
   * prompt, in batches that may still answer: submitting them again would pay twice.
   */
  papersInOpenBatches(key: { provider: string; model: string; promptVersion: string }): Promise<Set<string>>;
  /** Takes a paper for one collect: true when it was pending, or its claim was stale. */
  claimBatchPaper(batchId: string, customId: string, claim: BatchPaperClaim): Promise<boolean>;
  /**
   * Ends a claim: `briefed`, `failed` (with a reason) or back to `pending`. False (and nothing
   * changed) when the paper is no longer claimed by `by` (a stale claim taken over).
   */
  settleBatchPaper(
    batchId: string,
    customId: string,
    by: string,
    outcome: { state: 'briefed' | 'failed' | 'pending'; reason?: string | null },
  ): Promise<boolean>;
}
