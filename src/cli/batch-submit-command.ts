import { Option, type Command } from 'commander';
import { submitBatch } from '../batch/index.js';
import type { Format } from '../sources/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { formatOption, parsePositiveInt, type ConfigFlags } from './config-flags.js';
import { formatCostEstimate } from './print-cost-estimate.js';
import { readPapers } from './read-papers.js';
import { withBatchDeps } from './with-batch-deps.js';

interface SubmitFlags extends ConfigFlags {
  format: Format | 'auto';
  force: boolean;
  dryRun: boolean;
  batchFileOut?: string;
  maxRequestsPerFile?: number;
}

/**
 * `paperbrief batch submit`: the papers of the inputs as batches, or their cost with `--dry-run`.
 * Returns the subcommand; registerBatchCommand adds the provider, LLM and store options.
 */
export function registerBatchSubmitCommand(batch: Command, context: CliContext): Command {
  return batch
    .command('submit')
    .description('submit the papers of the inputs as batches (skips papers stored or waiting in a batch)')
    .argument('<inputs...>', 'input files (JSONL, JSON, HF page text, HF API JSON, arXiv Atom), - for stdin')
    .addOption(formatOption())
    .option('--force', 'submit papers already stored with the same provider, model and prompt', false)
    .option('--dry-run', 'print papers, tokens and estimated cost; submit nothing', false)
    .option('--batch-file-out <file>', 'write the request JSONL instead of uploading (vLLM run-batch)')
    .addOption(
      new Option(
        '--max-requests-per-file <n>',
        'split files at this many requests (default 50000)',
      ).argParser(parsePositiveInt),
    )
    .action(async (inputs: string[], flags: SubmitFlags) =>
      withBatchDeps(context, flags, async (deps) => {
        const read = await readPapers(context, inputs, flags.format);
        const result = await submitBatch(read.papers, deps, {
          force: flags.force,
          dryRun: flags.dryRun,
          fileOut: flags.batchFileOut,
          ...(flags.maxRequestsPerFile === undefined ? {} : { maxRequestsPerFile: flags.maxRequestsPerFile }),
        });
        context.stderr.write(
          formatCostEstimate({ ...result, model: deps.summarizer.model }, result.estimate),
        );
        for (const submitted of result.batches) {
          const name = submitted.providerBatchId ?? submitted.id;
          const where = submitted.file === undefined ? '' : ` written to ${submitted.file}`;
          context.stdout.write(`${name}\t${submitted.id}\t${submitted.requests} requests${where}\n`);
        }
        if (read.failed > 0) context.exitCode = EXIT_CODES.failed;
      }),
    );
}
