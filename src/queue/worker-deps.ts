import type { Logger } from 'pino';
import type { PaperbriefMetrics } from '../metrics/index.js';
import type { PipelineDeps } from '../pipeline.js';
import type { WatchDeps } from '../watch/watch-once.js';
import type { DeliveryHandOff } from './deliver-processor.js';

/** What the workers of one process use (built from Config by src/compose/worker.ts `composeWorker`). */
export interface WorkerDeps {
  /** What `summarizePaper` needs (src/compose `composeLocal`); its store also serves deliveries. */
  pipeline: PipelineDeps;
  /** Webhook delivery (src/delivery/ via webhook-hand-off.ts); undefined: no deliver jobs. */
  delivery?: DeliveryHandOff | undefined;
  /** Fetching for the jobs of the `watch` schedulers (the `poll` queue). */
  watch: Pick<WatchDeps, 'fetch' | 'endpoints' | 'minIntervalMs' | 'timeoutMs'>;
  logger: Logger;
  /**
   * This process's metrics (src/metrics): recorded by the processors and published to Redis for
   * the API's /metrics. Omitted: nothing recorded or published.
   */
  metrics?: PaperbriefMetrics | undefined;
}
