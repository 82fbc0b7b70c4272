import { InvalidArgumentError, Option, type Command } from 'commander';
import { openConfiguredQueues } from '../compose/queues.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { WatchSourceSchema, type WatchRequest, type WatchSource } from '../watch/index.js';
import { jobOptions, listWatches, removeWatch, upsertWatch } from '../queue/index.js';
import { parseDurationMs } from '../retry-after.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { parsePositiveInt } from './config-flags.js';

interface WatchOptions {
  source?: WatchSource;
  query?: string;
  every: number;
  maxResults?: number;
  list: boolean;
  remove?: string;
}

/**
 * `paperbrief watch`: registers a BullMQ job scheduler that polls a source now and then every
 * `--every`; workers of the `poll` queue fetch it and enqueue only papers not seen before.
 * The command returns at once; the schedule lives in Redis until `--remove`.
 */
export function registerWatchCommand(program: Command, context: CliContext): void {
  program
    .command('watch')
    .description(
      'poll Hugging Face daily papers or an arXiv query on a schedule (distributed mode; needs REDIS_URL)',
    )
    .addOption(new Option('-s, --source <source>', 'what to poll').choices(WatchSourceSchema.options))
    .option('--query <query>', 'arXiv search_query, e.g. "cat:cs.CL AND abs:retrieval" (default cat:cs.LG)')
    .addOption(
      new Option('--every <duration>', 'time between polls: 30m, 1h, 6h')
        .argParser(parseEvery)
        .default(3_600_000, '1h'),
    )
    .addOption(
      new Option('--max-results <n>', 'newest arXiv entries per poll (default 100)').argParser(
        parsePositiveInt,
      ),
    )
    .option('--list', 'list the registered watches', false)
    .option('--remove <id>', 'remove a watch by its id (see --list)')
    .addHelpText(
      'after',
      `
Polls run on workers of the poll queue (\`paperbrief worker\` runs it by default). Requests keep
to one per 3 s for arXiv and one per second for Hugging Face, across all workers. A paper seen by
an earlier poll (versionless arXiv id) is never enqueued again. Watching the same source and query
again updates its schedule.

Examples:
  $ paperbrief watch --source hf-daily --every 1h
  $ paperbrief watch --source arxiv --query "cat:cs.CL" --every 6h
  $ paperbrief watch --list
  $ paperbrief watch --remove watch-arxiv-4f1c2a9b0d3e`,
    )
    .action(async (options: WatchOptions) => {
      const config = loadConfig();
      const open = await openConfiguredQueues(config);
      try {
        const queue = open.queues.poll;
        if (options.list) {
          for (const watch of await listWatches(queue)) {
            const next = watch.next === undefined ? '-' : new Date(watch.next).toISOString();
            context.stdout.write(
              `${watch.id}  ${JSON.stringify(watch.request ?? null)}  every ${watch.everyMs ?? '?'} ms  next ${next}\n`,
            );
          }
          return;
        }
        if (options.remove !== undefined) {
          const removed = await removeWatch(queue, options.remove);
          context.stdout.write(removed ? `removed ${options.remove}\n` : '');
          if (!removed) {
            context.stderr.write(`paperbrief: no watch ${options.remove} (see watch --list)\n`);
            context.exitCode = EXIT_CODES.failed;
          }
          return;
        }
        const watch = await upsertWatch(
          queue,
          pollRequest(options),
          options.every,
          jobOptions({ attempts: config.PAPERBRIEF_JOB_ATTEMPTS }),
        );
        context.stdout.write(`watching ${watch.request?.source} as ${watch.id}, every ${options.every} ms\n`);
      } finally {
        await open.close();
      }
    });
}

function pollRequest(options: WatchOptions): WatchRequest {
  if (options.source === undefined)
    throw new ConfigError('watch needs --source hf-daily or --source arxiv (or --list, --remove)');
  if (options.source === 'hf-daily' && (options.query !== undefined || options.maxResults !== undefined)) {
    throw new ConfigError('--query and --max-results apply to --source arxiv only');
  }
  return {
    source: options.source,
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.maxResults === undefined ? {} : { maxResults: options.maxResults }),
  };
}

function parseEvery(value: string): number {
  const milliseconds = parseDurationMs(value);
  if (milliseconds === undefined || milliseconds < 1_000) {
    throw new InvalidArgumentError('expected a duration of at least 1s, such as 30m, 1h or 1h30m');
  }
  return milliseconds;
}
