import { hostname } from 'node:os';
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import { describeError } from '../errors.js';
import { publishMetrics, publishedMetricsKey } from '../metrics/index.js';
import { queueBackoffStrategy } from './job-failure.js';
import { retention } from './job-options.js';
import type { IntakePause } from './intake-pause.js';
import { queueDefinitions } from './queue-definitions.js';
import type { QueueName } from './queue-names.js';
import { connectionReady, createRedisConnection, warnUnlessNoeviction } from './redis-connection.js';
import { returnOnShutdown, SHUTDOWN_REASON } from './return-on-shutdown.js';
import type { WorkerDeps } from './worker-deps.js';
import type { WorkerSettings } from './worker-settings.js';

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  /**
   * Stops taking jobs, lets the ones in flight finish for `shutdownTimeoutMs`, hands the rest
   * back to the wait list, and closes every connection. Safe to call twice.
   */
  close(): Promise<void>;
  /**
   * Drops the Redis connection at once, without waiting for anything: the last step of a
   * shutdown that passed its deadline (Redis unreachable keeps `close` waiting).
   */
  forceClose(): void;
}

/**
 * Starts one BullMQ Worker per queue asked for (its definition: queue-definitions.ts) on one Redis
 * connection, with the house settings:
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
  const connection = createRedisConnection(settings, 'worker');
  connection.on('error', (error) => deps.logger.error({ reason: error.message }, 'redis connection error'));
  await connectionReady(connection);
  await warnUnlessNoeviction(connection, deps.logger);

  const producerQueues: Queue[] = [];
  const producer = (name: QueueName): Queue => {
    const queue = new Queue(name, { connection, prefix: settings.prefix });
    producerQueues.push(queue);
    return queue;
  };
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

  const workers = new Map<QueueName, Worker>();
  const intakePauses: IntakePause[] = [];
  const definitions = queueDefinitions(deps, settings, {
    connection,
    producer,
    intakePauses,
    workerOf: (name) => {
      const worker = workers.get(name);
      if (!worker) throw new Error(`no ${name} worker is running`);
      return worker;
    },
  });
  for (const name of queues) {
    const definition = definitions[name]();
    const worker = new Worker(definition.name, returnOnShutdown(definition.processor), {
      ...common,
      concurrency: definition.concurrency,
      ...definition.options,
    });
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
    workers.set(name, worker);
  }
  const running = [...workers.values()];
  await Promise.all(running.map((worker) => worker.waitUntilReady()));
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
    workers: running,
    close() {
      closing ??= (async () => {
        for (const intake of intakePauses) intake.stop();
        const timer = setTimeout(() => {
          deps.logger.warn(
            { timeoutMs: settings.shutdownTimeoutMs },
            'shutdown timeout: handing jobs in flight back',
          );
          for (const worker of running) worker.cancelAllJobs(SHUTDOWN_REASON);
        }, settings.shutdownTimeoutMs);
        try {
          await Promise.all(running.map((worker) => worker.close()));
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
    forceClose() {
      for (const intake of intakePauses) intake.stop();
      connection.disconnect();
    },
  };
}
