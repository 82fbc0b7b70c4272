import { hostname } from 'node:os';
import { Queue, Worker, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { Brief } from '../briefs/brief.js';
import { describeError } from '../errors.js';
import { publishMetrics, publishedMetricsKey, type PaperbriefMetrics } from '../metrics/index.js';
import type { PipelineDeps } from '../pipeline.js';
import { createDeliverProcessor, type DeliveryHandOff } from './deliver-processor.js';
import { queueBackoffStrategy } from './job-failure.js';
import { jobOptions, retention } from './job-options.js';
import { createPollProcessor, type PollDeps } from './poll-processor.js';
import type { QueueName } from './queue-names.js';
import { connectionReady, createRedisConnection, warnUnlessNoeviction } from './redis-connection.js';
import { returnOnShutdown, SHUTDOWN_REASON } from './return-on-shutdown.js';
import { createSummarizeProcessor } from './summarize-processor.js';
import type { WorkerSettings } from './worker-settings.js';

export interface WorkerDeps {
  /** What `summarizePaper` needs (src/deps.ts `createDeps`); its store also serves deliveries. */
  pipeline: PipelineDeps;
  /** Webhook delivery (src/delivery/ via webhook-delivery.ts); undefined: no deliver jobs. */
  delivery?: DeliveryHandOff | undefined;
  /** Fetching for `poll` jobs (the `watch` schedulers). */
  poll: Pick<PollDeps, 'fetch' | 'endpoints' | 'minIntervalMs' | 'timeoutMs'>;
  logger: Logger;
  /**
   * This process's metrics (src/metrics): recorded by the processors and published to Redis for
   * the API's /metrics. Omitted: nothing recorded or published.
   */
  metrics?: PaperbriefMetrics | undefined;
}

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  /**
   * Stops taking jobs, lets the ones in flight finish for `shutdownTimeoutMs`, hands the rest
   * back to the wait list, and closes every connection. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ Worker per queue on one Redis connection, with the house settings:
 * the custom backoff, retention, a limiter from `rpm` (jobs per minute across all workers),
 * `maxStartedAttempts` capping rate-limited restarts, and shutdown-aware processors.
 * Warns when Redis may evict keys.
 * @throws when Redis cannot be reached.
 */
export async function startWorkers(
  queues: readonly QueueName[],
  deps: WorkerDeps,
  settings: WorkerSettings,
): Promise<RunningWorkers> {
  const connection = createRedisConnection(settings.redisUrl, 'worker');
  connection.on('error', (error) => deps.logger.error({ reason: error.message }, 'redis connection error'));
  await connectionReady(connection);
  await warnUnlessNoeviction(connection, deps.logger);

  const producerQueues: Queue[] = [];
  const producer = (name: QueueName): Queue => {
    const queue = new Queue(name, { connection, prefix: settings.prefix });
    producerQueues.push(queue);
    return queue;
  };
  const addOptions = jobOptions({ attempts: settings.attempts });
  const workerName = `${hostname()}-${process.pid}`;
  const common: WorkerOptions = {
    connection,
    prefix: settings.prefix,
    name: workerName,
    maxStartedAttempts: settings.attempts + settings.rateLimitRetries,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    settings: { backoffStrategy: queueBackoffStrategy() },
    ...retention(settings),
  };

  const workers: Worker[] = [];
  const start = (name: QueueName, processor: Processor, options: Partial<WorkerOptions>): Worker => {
    const worker = new Worker(name, returnOnShutdown(processor), { ...common, ...options });
    worker.on('failed', (job, error) =>
      deps.logger.warn(
        { queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade, reason: error.message },
        'job failed',
      ),
    );
    worker.on('stalled', (jobId) =>
      deps.logger.warn({ queue: name, jobId }, 'stalled job returned to the queue'),
    );
    worker.on('error', (error) => deps.logger.error({ queue: name, reason: error.message }, 'worker error'));
    workers.push(worker);
    return worker;
  };

  for (const name of queues) {
    if (name === 'summarize') {
      const delivery = deps.delivery;
      const deliveries = delivery && {
        queue: producer('deliver'),
        destinationsFor: (brief: Brief) => delivery.destinationsFor(brief),
        jobOptions: jobOptions({ attempts: delivery.attempts }),
      };
      const processor = createSummarizeProcessor({
        pipeline: deps.pipeline,
        metrics: deps.metrics,
        deliveries,
        // Called only while the worker runs, so `worker` is set by then.
        rateLimit: (ms) => worker.rateLimit(ms),
        // Not waiting for the jobs in flight: this is called from inside one of them.
        onBudgetSpent: () => void worker.pause(true),
      });
      const worker: Worker = start(name, processor, {
        concurrency: settings.concurrency,
        // A limiter must exist for `rateLimit` to pause the queue. Without --rpm it never binds;
        // its window is short so a job handed back by a 429 waits for the pause, not the window.
        limiter: { max: settings.rpm ?? 1_000_000_000, duration: settings.rpm ? 60_000 : 100 },
      });
    } else if (name === 'deliver') {
      const delivery = deps.delivery;
      const processor = createDeliverProcessor({
        store: deps.pipeline.store,
        logger: deps.logger,
        deliver: delivery?.deliver,
      });
      start(name, processor, {
        concurrency: settings.concurrency,
        // Deliveries wait as the webhook schedule says (minutes to hours), not as the LLM backoff.
        ...(delivery && {
          settings: {
            backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
              delivery.retryDelayMs(attemptsMade, error),
          },
        }),
      });
    } else {
      const summarizeQueue = producer('summarize');
      const processor = createPollProcessor({
        ...deps.poll,
        redis: connection,
        enqueue: {
          queue: summarizeQueue,
          store: deps.pipeline.store,
          summarizer: deps.pipeline.summarizer,
          jobOptions: addOptions,
        },
        keyPrefix: settings.prefix,
        logger: deps.logger,
      });
      start(name, processor, { concurrency: 1 });
    }
  }
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const publisher =
    deps.metrics &&
    publishMetrics({
      registry: deps.metrics.registry,
      redis: connection,
      key: publishedMetricsKey(settings.prefix),
      id: workerName,
      onError: (error) => deps.logger.warn({ reason: describeError(error) }, 'could not publish metrics'),
    });
  deps.logger.info({ queues, concurrency: settings.concurrency, prefix: settings.prefix }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    workers,
    close() {
      closing ??= (async () => {
        const timer = setTimeout(() => {
          deps.logger.warn(
            { timeoutMs: settings.shutdownTimeoutMs },
            'shutdown timeout: handing jobs in flight back',
          );
          for (const worker of workers) worker.cancelAllJobs(SHUTDOWN_REASON);
        }, settings.shutdownTimeoutMs);
        try {
          await Promise.all(workers.map((worker) => worker.close()));
        } finally {
          clearTimeout(timer);
        }
        await publisher?.stop();
        await Promise.all(producerQueues.map((queue) => queue.close()));
        await connection.quit();
        deps.logger.info('workers closed');
      })();
      return closing;
    },
  };
}
