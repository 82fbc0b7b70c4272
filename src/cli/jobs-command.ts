import { Option, type Command } from 'commander';
import { openConfiguredQueues } from '../compose/queues.js';
import { loadConfig } from '../config.js';
import {
  JOB_STATES,
  QUEUE_NAMES,
  countJobs,
  listFailedJobs,
  retryAllFailedJobs,
  retryFailedJobs,
  type OpenQueues,
  type QueueName,
} from '../queue/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { parsePositiveInt } from './config-flags.js';

/**
 * `paperbrief jobs status|failed|retry`: what the queues hold, why jobs failed, and a way to
 * run failed jobs again (after fixing the cause: a key, a quota, a prompt).
 */
export function registerJobsCommand(program: Command, context: CliContext): void {
  const jobs = program
    .command('jobs')
    .description('inspect and retry queued jobs (distributed mode; needs REDIS_URL)')
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief jobs status
  $ paperbrief jobs failed --queue summarize --limit 20
  $ paperbrief jobs retry --all
  $ paperbrief jobs retry s-2406.04312-0c1d2e3f4a5b6c7d8e9f`,
    );

  jobs
    .command('status')
    .description('jobs per state in each queue')
    .option('--json', 'print JSON instead of a table', false)
    .action(async (options: { json: boolean }) =>
      withQueues(async (open) => {
        const counts = Object.fromEntries(
          await Promise.all(
            QUEUE_NAMES.map(async (name) => [name, await countJobs(open.queues[name])] as const),
          ),
        );
        if (options.json) {
          context.stdout.write(`${JSON.stringify(counts)}\n`);
          return;
        }
        const rows = QUEUE_NAMES.map((name) => [
          name,
          ...JOB_STATES.map((state) => String(counts[name]?.[state] ?? 0)),
        ]);
        context.stdout.write(table(['queue', ...JOB_STATES], rows));
      }),
    );

  jobs
    .command('failed')
    .description('failed jobs, newest first: id, paper, reason, attempts')
    .addOption(queueOption())
    .addOption(
      new Option('--limit <n>', 'most jobs listed per queue').argParser(parsePositiveInt).default(100),
    )
    .option('--json', 'print JSON lines instead of a table', false)
    .action(async (options: { queue?: QueueName; limit: number; json: boolean }) =>
      withQueues(async (open) => {
        const names = options.queue ? [options.queue] : QUEUE_NAMES;
        const failed = (
          await Promise.all(names.map((name) => listFailedJobs(open.queues[name], name, options.limit)))
        ).flat();
        if (options.json) {
          for (const job of failed) context.stdout.write(`${JSON.stringify(job)}\n`);
          return;
        }
        if (failed.length === 0) {
          context.stdout.write('no failed jobs\n');
          return;
        }
        const rows = failed.map((job) => [
          job.queue,
          job.id,
          job.paperId ?? '-',
          String(job.attempts),
          job.reason,
        ]);
        context.stdout.write(table(['queue', 'id', 'paper', 'attempts', 'reason'], rows));
      }),
    );

  jobs
    .command('retry')
    .description('move failed jobs back to waiting, with fresh attempts')
    .argument('[ids...]', 'ids of failed jobs (see `jobs failed`)')
    .option('--all', 'every failed job (of --queue, else of every queue)', false)
    .addOption(queueOption())
    .action(async (ids: string[], options: { all: boolean; queue?: QueueName }) =>
      withQueues(async (open) => {
        if (options.all === ids.length > 0) {
          context.stderr.write('paperbrief: give job ids or --all (not both)\n');
          context.exitCode = EXIT_CODES.usage;
          return;
        }
        const names = options.queue ? [options.queue] : QUEUE_NAMES;
        if (options.all) {
          for (const name of names) {
            const count = await retryAllFailedJobs(open.queues[name]);
            context.stdout.write(`${name}: ${count} failed job(s) moved back to waiting\n`);
          }
          return;
        }
        let remaining = ids;
        for (const name of names) {
          const { retried, notFailed } = await retryFailedJobs(open.queues[name], remaining);
          for (const id of retried) context.stdout.write(`${name}: retrying ${id}\n`);
          remaining = notFailed;
        }
        if (remaining.length > 0) {
          context.stderr.write(`paperbrief: not a failed job: ${remaining.join(', ')}\n`);
          context.exitCode = EXIT_CODES.failed;
        }
      }),
    );
}

function queueOption(): Option {
  return new Option('--queue <name>', 'only this queue').choices(QUEUE_NAMES);
}

async function withQueues(work: (open: OpenQueues) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const open = await openConfiguredQueues(config);
  try {
    await work(open);
  } finally {
    await open.close();
  }
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] as number)))
        .join('  '),
    )
    .join('\n')
    .concat('\n');
}
