import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { InvalidInputError } from '../errors.js';
import type { BatchStatus, BatchSummary } from '../stores/batch-records.js';
import type { BatchDeps } from './batch-deps.js';
import { parseOutputLines, type BatchOutputLine } from './batch-output-lines.js';
import { batchIdOfCustomId } from './batch-request-lines.js';
import {
  emptyTally,
  ingestBatchAnswers,
  type IngestOptions,
  type IngestTally,
} from './ingest-batch-answers.js';
import { refreshBatch } from './refresh-batch.js';

/** Statuses in which a batch's output is final: collect reads it. */
const FINISHED: ReadonlySet<BatchStatus> = new Set(['completed', 'failed', 'expired', 'cancelled']);

export interface CollectOptions extends IngestOptions {
  /** Wait (polling) until the batch has finished instead of returning at once. @default false */
  wait?: boolean;
  /** Between two polls while waiting, in milliseconds. @default 60000 */
  pollIntervalMs?: number;
}

export interface CollectResult extends IngestTally {
  batch: BatchSummary;
  /** False: the batch is still running (or was only written to a file): nothing was collected. */
  ready: boolean;
}

/**
 * Collects one batch: refreshes it from the provider, and once it has finished (completed,
 * expired, cancelled or failed), reads its output and error files and briefs every paper still
 * waiting (ingestBatchAnswers). Safe to run twice or at once: papers are claimed one by one.
 * @throws InvalidInputError for an unknown batch; ProviderError from the SDK.
 */
export async function collectBatch(
  id: string,
  deps: BatchDeps,
  options: CollectOptions = {},
): Promise<CollectResult> {
  let batch = await knownBatch(id, deps);
  while (batch.providerBatchId !== null && !FINISHED.has(batch.status)) {
    batch = await refreshBatch(batch, deps);
    if (FINISHED.has(batch.status) || !options.wait || options.signal?.aborted) break;
    await delay(
      options.pollIntervalMs ?? 60_000,
      undefined,
      options.signal ? { signal: options.signal } : {},
    ).catch(() => undefined);
  }
  if (!FINISHED.has(batch.status)) return { ...emptyTally(), batch, ready: false };

  const lines = new Map<string, BatchOutputLine>();
  for (const fileId of [batch.errorFileId, batch.outputFileId]) {
    if (fileId === null) continue;
    const text = await (await deps.client.files.content(fileId)).text();
    for (const [customId, line] of parseOutputLines(text, `file ${fileId}`)) lines.set(customId, line);
  }
  const tally = await ingestBatchAnswers(batch, lines, deps, { ...options, missing: 'failed' });
  return { ...tally, batch: await markCollected(batch.id, deps), ready: true };
}

/**
 * Ingests an output JSONL written by a server without the Files API (vLLM `run-batch`) for
 * batches submitted with `--batch-file-out`. Papers the file does not answer stay pending.
 * @throws InvalidInputError naming the file and line of a bad line, or a custom_id of no known batch.
 */
export async function collectFromFile(
  path: string,
  deps: BatchDeps,
  options: IngestOptions = {},
): Promise<{ tally: IngestTally; batches: BatchSummary[] }> {
  const lines = parseOutputLines(await readFile(path, 'utf8'), path);
  const byBatch = new Map<string, Map<string, BatchOutputLine>>();
  for (const [customId, line] of lines) {
    const batchId = batchIdOfCustomId(customId);
    if (batchId === undefined)
      throw new InvalidInputError(`${path}: custom_id "${customId}" is not one of paperbrief's`);
    const group = byBatch.get(batchId) ?? new Map<string, BatchOutputLine>();
    group.set(customId, line);
    byBatch.set(batchId, group);
  }
  const tally = emptyTally();
  const batches: BatchSummary[] = [];
  for (const [batchId, group] of byBatch) {
    const batch = await knownBatch(batchId, deps);
    await ingestBatchAnswers(batch, group, deps, { ...options, missing: 'pending' }, tally);
    batches.push(await markCollected(batch.id, deps, 'completed'));
  }
  return { tally, batches };
}

async function knownBatch(id: string, deps: BatchDeps): Promise<BatchSummary> {
  const batch = await deps.store.getBatch(id);
  if (!batch) throw new InvalidInputError(`no batch ${id} in the store (see paperbrief batch list)`);
  return batch;
}

/** Stamps `collectedAt` (and `status`, for a written file) once no paper of the batch waits. */
async function markCollected(id: string, deps: BatchDeps, status?: BatchStatus): Promise<BatchSummary> {
  const batch = await knownBatch(id, deps);
  if (batch.papers.pending + batch.papers.claimed > 0 || batch.collectedAt !== null) return batch;
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.store.updateBatch(id, { collectedAt: at, ...(status ? { status } : {}) }, at);
  return knownBatch(id, deps);
}
