import { Option, type Command } from 'commander';
import { startConfiguredWorkers } from '../compose/worker.js';
import { parseQueueNames, type QueueName } from '../queue/queue-names.js';
import { SHUTDOWN_GRACE_MS, type CliContext } from './cli-context.js';
import {
  addLlmOptions,
  addProviderOptions,
  addStoreOption,
  loadCliConfig,
  createCliLogger,
  type ConfigFlags,
} from './config-flags.js';

interface WorkerOptions extends ConfigFlags {
  queues: QueueName[];
}

/**
 * `paperbrief worker`: runs BullMQ workers until SIGTERM/SIGINT, then stops taking jobs, lets the
 * ones in flight finish (PAPERBRIEF_SHUTDOWN_TIMEOUT_MS), hands back the rest and exits 0.
 * The same as the `workers/*.ts` entrypoints, with flags.
 */
export function registerWorkerCommand(program: Command, context: CliContext): void {
  const command = program
    .command('worker')
    .description('process queued jobs (distributed mode; needs REDIS_URL) until SIGTERM or Ctrl-C')
    .addOption(
      new Option('-q, --queues <list>', 'queues to work on, comma-separated: summarize, deliver, poll')
        .argParser(parseQueueNames)
        .default(parseQueueNames('summarize,deliver,poll'), 'summarize,deliver,poll'),
    )
    .addHelpText(
      'after',
      `
Start as many workers as you like, on as many machines, against one Redis (REDIS_URL) and one
store (DATABASE_URL for Postgres when they run on several machines). --concurrency is per worker
process and queue; --rpm (PAPERBRIEF_RPM) also caps the summarize jobs started per minute across
ALL workers, so a 429 is rare. Retention: PAPERBRIEF_KEEP_COMPLETED, PAPERBRIEF_KEEP_FAILED (jobs kept per queue).

Examples:
  $ REDIS_URL=redis://127.0.0.1:6379 paperbrief worker
  $ paperbrief worker --queues summarize --concurrency 8 --rpm 500 --provider openai`,
    )
    .action(async (options: WorkerOptions) => {
      const config = loadCliConfig(options);
      context.shutdownDeadlineMs = config.PAPERBRIEF_SHUTDOWN_TIMEOUT_MS + SHUTDOWN_GRACE_MS;
      const logger = createCliLogger(config, context.stderr);
      const workers = await startConfiguredWorkers(options.queues, config, logger);
      await new Promise<void>((resolve) => {
        if (context.stopSignal.aborted) resolve();
        context.stopSignal.addEventListener('abort', () => resolve(), { once: true });
      });
      await workers.close();
    });
  addProviderOptions(command);
  addLlmOptions(command);
  addStoreOption(command);
}
