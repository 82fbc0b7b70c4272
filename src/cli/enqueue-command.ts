import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openConfiguredEnqueue } from '../compose/enqueue.js';
import { describeError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { inputRecords } from '../runner/index.js';
import type { Format } from '../sources/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import {
  addProviderOptions,
  addStoreOption,
  configOverrides,
  createCliLogger,
  formatOption,
  type ConfigFlags,
} from './config-flags.js';

interface EnqueueOptions extends ConfigFlags {
  format: Format | 'auto';
}

/** Papers per `enqueuePapers` call while reading: bounded memory for large backlogs. */
const BATCH = 1_000;

/**
 * `paperbrief enqueue <inputs...>`: reads inputs like `summarize` (same readers, same record
 * errors) and adds one summarize job per paper for the workers. Prints how many were enqueued
 * and how many were already known (a job exists, or the brief is stored).
 */
export function registerEnqueueCommand(program: Command, context: CliContext): void {
  const command = program
    .command('enqueue')
    .description('queue every paper of the inputs for the workers (distributed mode; needs REDIS_URL)')
    .argument('<inputs...>', 'input files (JSONL, JSON, HF page text, HF API JSON, arXiv Atom), - for stdin')
    .addOption(formatOption())
    .option('--model <name>', 'openai: the model the workers use (env PAPERBRIEF_MODEL); part of the job ids')
    .addHelpText(
      'after',
      `
Use the same provider settings as the workers: a paper is "already known" when its job or its
brief exists under the same paper id, provider, model and prompt version.
Exit code: 0 when every record was read; 1 when a record or input could not be read (the good
papers are still enqueued); 2 for bad usage or configuration.

Examples:
  $ REDIS_URL=redis://127.0.0.1:6379 paperbrief enqueue examples/papers.jsonl
  $ paperbrief enqueue page.txt feed.xml --provider openai`,
    )
    .action(async (inputs: string[], options: EnqueueOptions) => {
      const config = loadConfig(undefined, configOverrides(options));
      const logger = createCliLogger(config, context.stderr);
      const producer = await openConfiguredEnqueue(config, logger);
      try {
        const totals = { enqueued: 0, known: 0, failed: 0 };
        let batch: Paper[] = [];
        const flush = async () => {
          const result = await producer.enqueue(batch);
          totals.enqueued += result.enqueued;
          totals.known += result.known;
          batch = [];
        };
        for await (const record of inputRecords(inputs, { format: options.format, stdin: context.stdin })) {
          if (record.kind === 'paper') {
            batch.push(record.paper);
            if (batch.length >= BATCH) await flush();
          } else if (record.kind === 'error' || record.kind === 'unreadable') {
            totals.failed++;
            context.stderr.write(
              `failed: ${record.kind === 'error' ? record.error.message : describeError(record.error)}\n`,
            );
          }
        }
        await flush();
        context.stdout.write(`enqueued ${totals.enqueued}, already known ${totals.known}\n`);
        if (totals.failed > 0) {
          context.stderr.write(`paperbrief: ${totals.failed} record(s) or input(s) could not be read\n`);
          context.exitCode = EXIT_CODES.failed;
        }
      } finally {
        await producer.close();
      }
    });
  addProviderOptions(command);
  addStoreOption(command);
}
