import type { Logger } from 'pino';
import { tagIds } from '../briefs/taxonomy.js';
import type { Config } from '../config.js';
import type { RateLimiter } from '../cost/rate-limiter.js';
import type { PipelineDeps } from '../pipeline.js';
import { createConfiguredSummarizer, loadConfiguredTaxonomy, openConfiguredStore } from './pipeline-parts.js';

/**
 * Everything `summarizePaper` needs, from one Config: the local mode's root (`summarize`, `eval`),
 * also the base of the worker's (`composeWorker`). Opens the store last, so a configuration error
 * leaves nothing open. The caller owns the result and must `store.close()` it.
 * @throws ConfigError, StoreError.
 */
export async function composeLocal(
  config: Config,
  logger: Logger,
  /** The LLM rate limiter, when not the per-process one `--rpm`/`--tpm` give (workers share one). */
  options: { rateLimiter?: RateLimiter | undefined } = {},
): Promise<PipelineDeps> {
  const taxonomy = loadConfiguredTaxonomy(config);
  const summarizer = createConfiguredSummarizer(config, logger, options);
  const store = await openConfiguredStore(config, logger);
  return {
    store,
    summarizer,
    taxonomy,
    allowedTags: tagIds(taxonomy),
    logger,
  };
}
