import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { toFile } from 'openai';
import { estimateCost, type CostEstimate } from '../cost/estimate-cost.js';
import { describeError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import type { BatchRecord } from '../stores/batch-records.js';
import type { BatchDeps } from './batch-deps.js';
import { BATCH_ENDPOINT, splitIntoBatchFiles, type SplitOptions } from './batch-request-lines.js';
import { planRun } from './plan-run.js';

export interface SubmitBatchOptions extends SplitOptions {
  /** Submit papers already stored under the same provider, model and prompt. @default false */
  force?: boolean;
  /**
   * Write the request JSONL to this file (`-2`, `-3`… before the extension for more files)
   * instead of uploading: for servers without the Files API (vLLM `run-batch`).
   */
  fileOut?: string | undefined;
  /** Count and price, submit nothing. @default false */
  dryRun?: boolean;
}

export interface SubmittedBatch {
  id: string;
  providerBatchId: string | null;
  requests: number;
  /** The file written (`fileOut`), else undefined. */
  file?: string | undefined;
}

export interface SubmitBatchResult {
  /** Papers sent (or that would be, in a dry run). */
  toBrief: number;
  /** Papers skipped: their brief is stored. */
  stored: number;
  /** Papers skipped: they wait in a batch that may still answer. */
  inOpenBatch: number;
  estimate: CostEstimate;
  batches: SubmittedBatch[];
}

/**
 * Submits papers as Batch API batches: skips those already briefed or waiting in an open batch,
 * writes the requests (the same bodies synchronous calls send), splits them at the API's limits,
 * uploads each file (`files.create`, purpose `batch`) and creates its batch (`batches.create`,
 * 24 h). Every batch and its papers are recorded in the store before the upload, so a collect in
 * any process later finds them.
 * @throws ProviderError (from the SDK) when an upload or create fails; that batch is recorded
 *   as failed and its papers may be submitted again.
 */
export async function submitBatch(
  papers: readonly Paper[],
  deps: BatchDeps,
  options: SubmitBatchOptions = {},
): Promise<SubmitBatchResult> {
  const { store, summarizer, allowedTags } = deps;
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const plan = await planRun(papers, deps, { force: options.force ?? false, skipWaiting: true });
  const { toBrief, tokens, estimate } = plan;
  const result: SubmitBatchResult = {
    toBrief: toBrief.length,
    stored: plan.stored,
    inOpenBatch: plan.inOpenBatch,
    estimate,
    batches: [],
  };
  if (options.dryRun || toBrief.length === 0) return result;

  const files = splitIntoBatchFiles(toBrief, (paper) => summarizer.requestBody(paper, allowedTags), options);
  let offset = 0;
  for (const [number, file] of files.entries()) {
    const first = offset;
    offset += file.papers.length;
    const record: BatchRecord = {
      id: file.batchId,
      providerBatchId: null,
      provider: summarizer.provider,
      model: summarizer.model,
      promptVersion: summarizer.promptVersion,
      status: options.fileOut === undefined ? 'uploading' : 'written',
      inputFileId: null,
      outputFileId: null,
      errorFileId: null,
      requestCount: file.papers.length,
      estimatedCostUsd: estimateCost(tokens.slice(first, offset), deps.price).batchCostUsd,
      createdAt: now(),
      updatedAt: now(),
      collectedAt: null,
      detail: null,
    };
    if (options.fileOut !== undefined) {
      const path = numberedPath(options.fileOut, number, files.length);
      await writeFile(path, file.jsonl);
      await store.addBatch({ ...record, detail: `written to ${path}` }, file.papers);
      result.batches.push({ id: record.id, providerBatchId: null, requests: file.papers.length, file: path });
      continue;
    }
    await store.addBatch(record, file.papers);
    try {
      const upload = await deps.client.files.create({
        file: await toFile(Buffer.from(file.jsonl), `${file.batchId}.jsonl`),
        purpose: 'batch',
      });
      const batch = await deps.client.batches.create({
        input_file_id: upload.id,
        endpoint: BATCH_ENDPOINT,
        completion_window: '24h',
        metadata: { paperbrief_batch: file.batchId, prompt_version: summarizer.promptVersion },
      });
      await store.updateBatch(
        record.id,
        { providerBatchId: batch.id, inputFileId: upload.id, status: batch.status },
        now(),
      );
      result.batches.push({ id: record.id, providerBatchId: batch.id, requests: file.papers.length });
    } catch (error) {
      await store.updateBatch(
        record.id,
        { status: 'failed', detail: `submit failed: ${describeError(error)}` },
        now(),
      );
      throw error;
    }
  }
  return result;
}

/** `out.jsonl`, then `out-2.jsonl`, `out-3.jsonl`… when there are several files. */
function numberedPath(path: string, index: number, count: number): string {
  if (count === 1 || index === 0) return path;
  const extension = extname(path);
  return `${path.slice(0, path.length - extension.length)}-${index + 1}${extension}`;
}
