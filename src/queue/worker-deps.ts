import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { loadDeliverySettings } from '../delivery/index.js';
import { createDeps } from '../deps.js';
import { createMetrics, instrumentSummarizer } from '../metrics/index.js';
import { deliveryLogFor } from '../stores/index.js';
import type { WorkerDeps } from './start-workers.js';
import { createWebhookHandOff } from './webhook-hand-off.js';

/**
 * The dependencies of a worker process, from its Config: the pipeline's (src/deps.ts, the same
 * as local mode), the sources `poll` jobs fetch, and webhook delivery when configured (recorded
 * in the deliveries log of the same store), and the process's metrics, published to Redis.
 * The caller closes them with `close()` after the workers.
 * @throws ConfigError, StoreError.
 */
export async function createWorkerDeps(
  config: Config,
  logger: Logger,
): Promise<WorkerDeps & { close(): Promise<void> }> {
  // Read before the store opens, so a bad webhook configuration leaves nothing open.
  const deliverySettings = await loadDeliverySettings(config);
  const deps = await createDeps(config, logger);
  const metrics = createMetrics();
  const pipeline = { ...deps, summarizer: instrumentSummarizer(deps.summarizer, metrics) };
  // The deliveries log lives beside the briefs, in the same store.
  const delivery = createWebhookHandOff(deliverySettings, { log: deliveryLogFor(pipeline.store), metrics });
  return {
    pipeline,
    delivery,
    metrics,
    poll: {
      fetch: globalThis.fetch,
      endpoints: { 'hf-daily': config.PAPERBRIEF_HF_API_URL, arxiv: config.PAPERBRIEF_ARXIV_API_URL },
    },
    logger,
    close: () => pipeline.store.close(),
  };
}
