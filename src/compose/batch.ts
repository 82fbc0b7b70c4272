import type { Logger } from 'pino';
import { tagIds } from '../briefs/taxonomy.js';
import type { BatchDeps, BatchStoreDeps } from '../batch/batch-deps.js';
import { resolveProvider, type Config } from '../config.js';
import { loadPriceTable, priceFor } from '../cost/price-table.js';
import { ConfigError } from '../errors.js';
import { jobOptions } from '../queue/job-options.js';
import type { OpenQueues } from '../queue/open-queues.js';
import type { DeliveryQueue } from '../queue/queue-deliveries.js';
import { createWebhookHandOff } from '../queue/webhook-hand-off.js';
import { loadDeliverySettings } from './delivery-settings.js';
import { createOpenAiClient, openAiSummarizerFromConfig } from './openai-summarizer.js';
import { loadConfiguredTaxonomy, openConfiguredStore } from './pipeline-parts.js';
import { openConfiguredQueues } from './queues.js';

/** Batch deps and what closes them (the store, and the queues in distributed mode). */
export type ComposedBatch<Deps> = Deps & { close(): Promise<void> };

/**
 * What the batch commands (and `summarize --dry-run`) need, from one Config: the openai
 * summarizer (the requests and the answers' checks), a client for the Files and Batches APIs, the
 * model's list price, and the pipeline's parts as `composeLocal` builds them. With `deliveries`
 * (collect) in distributed mode (REDIS_URL or REDIS_CLUSTER_NODES) with webhook endpoints
 * configured, also the `deliver` queue, so collect queues the webhooks of the briefs it stores as
 * the summarize worker does. Opens the
 * store last. The caller owns the result and must `close()` it.
 * @throws ConfigError when the provider is not openai or a setting is wrong; StoreError; Redis errors.
 */
export async function composeBatch(
  config: Config,
  logger: Logger,
  options: { deliveries?: boolean } = {},
): Promise<ComposedBatch<BatchDeps>> {
  if (resolveProvider(config) !== 'openai') {
    throw new ConfigError(
      'batches and cost previews need the openai provider (--provider openai, OPENAI_API_KEY or OPENAI_BASE_URL)',
    );
  }
  const taxonomy = loadConfiguredTaxonomy(config);
  const summarizer = openAiSummarizerFromConfig(config, { logger });
  const client = createOpenAiClient(config);
  const price = priceFor(loadPriceTable(config.PAPERBRIEF_PRICES), summarizer.model);
  const delivery = options.deliveries ? await openDeliveryQueue(config) : undefined;
  let store;
  try {
    store = await openConfiguredStore(config, logger);
  } catch (error) {
    await delivery?.open.close();
    throw error;
  }
  return {
    store,
    summarizer,
    client,
    taxonomy,
    allowedTags: tagIds(taxonomy),
    price,
    logger,
    deliveries: delivery?.deliveries,
    async close() {
      try {
        await delivery?.open.close();
      } finally {
        await store.close();
      }
    },
  };
}

/**
 * What the read-only batch commands need (`list`, and `status` without the openai provider):
 * the store alone, so reading the records needs no provider, key or price table.
 * @throws ConfigError (a bad store URL); StoreError.
 */
export async function composeBatchStore(
  config: Config,
  logger: Logger,
): Promise<ComposedBatch<BatchStoreDeps>> {
  const store = await openConfiguredStore(config, logger);
  return { store, logger, close: () => store.close() };
}

/** Whether Redis is configured: distributed mode. */
function distributed(config: Config): boolean {
  return config.REDIS_URL !== undefined || config.REDIS_CLUSTER_NODES !== undefined;
}

/** The `deliver` queue and the endpoints' filters; undefined without Redis or without endpoints. */
async function openDeliveryQueue(
  config: Config,
): Promise<{ open: OpenQueues; deliveries: DeliveryQueue } | undefined> {
  if (!distributed(config)) return undefined;
  const settings = await loadDeliverySettings(config);
  const handOff = createWebhookHandOff(settings);
  if (!handOff) return undefined;
  const open = await openConfiguredQueues(config);
  return {
    open,
    deliveries: {
      queue: open.queues.deliver,
      destinationsFor: (brief) => handOff.destinationsFor(brief),
      jobOptions: jobOptions({ attempts: handOff.attempts }),
    },
  };
}
