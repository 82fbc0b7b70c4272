import type { BatchSummary } from '../stores/batch-records.js';
import type { BatchDeps } from './batch-deps.js';
import { refreshBatch } from './refresh-batch.js';

/**
 * Cancels a batch (`batches.cancel`): the provider moves it to `cancelling`, then `cancelled`
 * with the answers it had; collect then briefs those and fails the rest, which may be submitted
 * again. A batch that never reached the provider (written to a file, or an upload that died) is
 * marked cancelled in the store.
 * @throws InvalidInputError for an unknown batch; ProviderError from the SDK.
 */
export async function cancelBatch(batch: BatchSummary, deps: BatchDeps): Promise<BatchSummary> {
  const at = (deps.now?.() ?? new Date()).toISOString();
  if (batch.providerBatchId === null) {
    await deps.store.updateBatch(
      batch.id,
      { status: 'cancelled', detail: 'cancelled before it reached a provider' },
      at,
    );
    return (await deps.store.getBatch(batch.id)) ?? batch;
  }
  await deps.client.batches.cancel(batch.providerBatchId);
  return refreshBatch(batch, deps);
}
