import { startConfiguredWorkers } from '../src/compose/worker.js';
import { loadConfig } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import type { QueueName } from '../src/queue/queue-names.js';

/** Time past PAPERBRIEF_SHUTDOWN_TIMEOUT_MS for handing jobs back and closing, in milliseconds. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * A worker process: config → the worker root (src/compose/worker.ts) → signal handling.
 * SIGTERM/SIGINT: stop taking jobs, let the ones in flight finish (PAPERBRIEF_SHUTDOWN_TIMEOUT_MS),
 * hand back the rest, close connections, exit 0. Whatever Redis does, the process is gone
 * SHUTDOWN_GRACE_MS after that: connections are force-closed and it exits 1 (a job it could not
 * hand back returns to the queue when its lock expires). A second signal exits at once with 1.
 * A failed start (configuration, Redis, store) exits 1 with the reason.
 */
export async function runWorkerProcess(queues: readonly QueueName[]): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  try {
    const workers = await startConfiguredWorkers(queues, config, logger);
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing the jobs in flight');
      const deadlineMs = config.PAPERBRIEF_SHUTDOWN_TIMEOUT_MS + SHUTDOWN_GRACE_MS;
      setTimeout(() => {
        logger.error({ deadlineMs }, 'shutdown deadline passed: force-closing connections and exiting');
        workers.running.forceClose();
        process.exit(1);
      }, deadlineMs).unref();
      void workers
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error({ reason: describeError(error) }, 'shutdown failed');
          process.exit(1);
        });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (error) {
    // startConfiguredWorkers has closed what it opened.
    logger.fatal({ reason: describeError(error) }, 'worker could not start');
    process.exit(1);
  }
}
