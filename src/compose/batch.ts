import type { Logger } from 'pino';
import { tagIds } from '../briefs/taxonomy.js';
import type { BatchDeps } from '../batch/batch-deps.js';
import { resolveProvider, type Config } from '../config.js';
import { loadPriceTable, priceFor } from '../cost/price-table.js';
import { ConfigError } from '../errors.js';
import { createOpenAiClient, openAiSummarizerFromConfig } from './openai-summarizer.js';
import { loadConfiguredTaxonomy, openConfiguredStore } from './pipeline-parts.js';

/**
 * What the batch commands (and `summarize --dry-run`) need, from one Config: the openai
 * summarizer (the requests and the answers' checks), a client for the Files and Batches APIs, the
 * model's list price, and the pipeline's parts as `composeLocal` builds them. Opens the store
 * last. The caller owns the result and must `store.close()` it.
 * @throws ConfigError when the provider is not openai; StoreError.
 */
export async function composeBatch(config: Config, logger: Logger): Promise<BatchDeps> {
  if (resolveProvider(config) !== 'openai') {
    throw new ConfigError(
      'batches and cost previews need the openai provider (--provider openai, OPENAI_API_KEY or OPENAI_BASE_URL)',
    );
  }
  const taxonomy = loadConfiguredTaxonomy(config);
  const summarizer = openAiSummarizerFromConfig(config, { logger });
  const client = createOpenAiClient(config);
  const price = priceFor(loadPriceTable(config.PAPERBRIEF_PRICES), summarizer.model);
  const store = await openConfiguredStore(config, logger);
  return {
    store,
    summarizer,
    client,
    taxonomy,
    allowedTags: tagIds(taxonomy),
    price,
    logger,
  };
}
