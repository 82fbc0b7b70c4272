import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createMetrics, instrumentSummarizer } from '../metrics/index.js';
import { startWorkers, type RunningWorkers } from '../queue/start-workers.js';
import type { WorkerDeps } from '../queue/worker-deps.js';
import type { QueueName } from '../queue/queue-names.js';
import { createWebhookHandOff } from '../queue/webhook-hand-off.js';
import { deliveryLogFor } from '../stores/index.js';
import { createSharedRateLimiter } from '../cost/shared-rate-limiter.js';
import { createRedisConnection } from '../queue/redis-connection.js';
import { loadDeliverySettings } from './delivery-settings.js';
import { composeLocal } from './local.js';
import { workerSettings } from './worker-settings.js';

/**
 * The dependencies of a worker process, from its Config: the pipeline's (`composeLocal`, the same
 * as local mode), the sources the watch jobs fetch, webhook delivery when configured (recorded
 * in the deliveries log of the same store), and the process's metrics, published to Redis.
 * The caller closes them with `close()` after the workers.
 * @throws ConfigError, StoreError.
 */
export async function composeWorker(
  config: Config,
  logger: Logger,
): Promise<WorkerDeps & { close(): Promise<void> }> {
  // Read before the store opens, so a bad webhook configuration leaves nothing open.
  const deliverySettings = await loadDeliverySettings(config);
  // Workers on any number of machines keep together to --rpm / --tpm: the limiter's schedule is
  // in Redis (bench B8: one limiter per process let two workers send twice the rate).
  const limited = config.PAPERBRIEF_RPM !== undefined || config.PAPERBRIEF_TPM !== undefined;
  const settings = limited ? workerSettings(config) : undefined;
  const limiterRedis = settings ? createRedisConnection(settings, 'worker') : undefined;
  const rateLimiter =
    settings && limiterRedis
      ? createSharedRateLimiter({
          redis: limiterRedis,
          keyPrefix: settings.prefix,
          rpm: config.PAPERBRIEF_RPM,
          tpm: config.PAPERBRIEF_TPM,
        })
      : undefined;
  let deps;
  try {
    deps = await composeLocal(config, logger, { rateLimiter });
  } catch (error) {
    limiterRedis?.disconnect();
    throw error;
  }
  const metrics = createMetrics();
  const pipeline = { ...deps, summarizer: instrumentSummarizer(deps.summarizer, metrics) };
  // The deliveries log lives beside the briefs, in the same store.
  const delivery = createWebhookHandOff(deliverySettings, { log: deliveryLogFor(pipeline.store), metrics });
  return {
    pipeline,
    delivery,
    metrics,
    watch: {
      fetch: globalThis.fetch,
      endpoints: { 'hf-daily': config.PAPERBRIEF_HF_API_URL, arxiv: config.PAPERBRIEF_ARXIV_API_URL },
    },
    logger,
    close: async () => {
      limiterRedis?.disconnect();
      await pipeline.store.close();
    },
  };
}

/** Running workers and the dependencies they use; `close()` stops the first, then closes the second. */
export interface ComposedWorkers {
  readonly running: RunningWorkers;
  close(): Promise<void>;
}

/**
 * The worker root (`paperbrief worker`, workers/*.ts): settings and dependencies from the Config,
 * then `startWorkers` on the queues asked for. A failed start closes what it opened.
 * @throws ConfigError (REDIS_URL unset, bad webhook settings...), StoreError, Redis errors.
 */
export async function startConfiguredWorkers(
  queues: readonly QueueName[],
  config: Config,
  logger: Logger,
): Promise<ComposedWorkers> {
  const settings = workerSettings(config);
  const deps = await composeWorker(config, logger);
  try {
    const running = await startWorkers(queues, deps, settings);
    return {
      running,
      close: async () => {
        try {
          await running.close();
        } finally {
          await deps.close();
        }
      },
    };
  } catch (error) {
    await deps.close();
    throw error;
  }
}
