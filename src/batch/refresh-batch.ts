import type { Batch } from 'openai/resources/batches';
import { BatchStatusSchema, type BatchSummary } from '../stores/batch-records.js';
import type { BatchDeps } from './batch-deps.js';

/** The provider's errors of a failed batch, one line. */
function errorsOf(batch: Batch): string | null {
  const errors = batch.errors?.data ?? [];
  if (errors.length === 0) return null;
  return errors.map((error) => `${error.code ?? 'error'}: ${error.message ?? ''}`.trim()).join('; ');
}

/**
 * Asks the provider for a batch's state (`batches.retrieve`) and records it: status, output and
 * error files, errors. Returns the batch as now stored. A batch without a provider id (written
 * to a file) is returned as is.
 */
export async function refreshBatch(batch: BatchSummary, deps: BatchDeps): Promise<BatchSummary> {
  if (batch.providerBatchId === null) return batch;
  const remote = await deps.client.batches.retrieve(batch.providerBatchId);
  const status = BatchStatusSchema.safeParse(remote.status);
  const at = (deps.now?.() ?? new Date()).toISOString();
  await deps.store.updateBatch(
    batch.id,
    {
      status: status.success ? status.data : batch.status,
      outputFileId: remote.output_file_id ?? null,
      errorFileId: remote.error_file_id ?? null,
      detail: errorsOf(remote) ?? batch.detail,
    },
    at,
  );
  return (await deps.store.getBatch(batch.id)) ?? batch;
}
