import { loadTaxonomy } from '../../src/briefs/taxonomy.js';
import type { PipelineDeps } from '../../src/pipeline.js';
import { createExtractiveSummarizer } from '../../src/summarizers/extractive/index.js';
import { silentLogger } from '../queue/queue-test-kit.js';
import { BUNDLED_TAGS } from './queue-outcome.js';

/**
 * The pipeline as `paperbrief summarize` builds it offline: the extractive summarizer, the
 * bundled taxonomy, the given store. The bad-input scenarios use it so no LLM is involved.
 */
export function extractivePipeline(store: PipelineDeps['store']): PipelineDeps {
  return {
    summarizer: createExtractiveSummarizer(),
    store,
    taxonomy: loadTaxonomy(),
    allowedTags: BUNDLED_TAGS,
    logger: silentLogger,
  };
}
