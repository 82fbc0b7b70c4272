import type OpenAI from 'openai';
import type { Logger } from 'pino';
import type { Taxonomy } from '../briefs/taxonomy.js';
import type { ModelPrice } from '../cost/price-table.js';
import type { DeliveryQueue } from '../queue/queue-deliveries.js';
import type { Store } from '../stores/store.js';
import type { OpenAiSummarizer } from '../summarizers/openai/openai-summarizer.js';

/** What the batch commands need; built from configuration like the pipeline's deps. */
export interface BatchDeps {
  store: Store;
  /** Builds each request and interprets each answer, exactly as synchronous calls do. */
  summarizer: OpenAiSummarizer;
  /** The `openai` client of the Files and Batches APIs (and of repair calls, via the summarizer). */
  client: OpenAI;
  taxonomy: Taxonomy;
  allowedTags: ReadonlySet<string>;
  /** The model's list price; batches cost `batchPrice(price)`. Undefined: the model is free. */
  price: ModelPrice | undefined;
  logger: Logger;
  /**
   * Distributed mode with webhook endpoints: each brief collect stores (or finds stored) is
   * handed to the `deliver` queue, as the summarize worker does. Omitted: store only.
   */
  deliveries?: DeliveryQueue | undefined;
  /** @default () => new Date() */
  now?: () => Date;
}

/** What the read-only batch commands (`list`, `status` without a provider) need: the store. */
export type BatchStoreDeps = Pick<BatchDeps, 'store' | 'logger' | 'now'>;
