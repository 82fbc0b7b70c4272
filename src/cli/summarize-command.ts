import type { Command } from 'commander';
import { composeLocal } from '../compose/local.js';
import { runConcurrency } from '../compose/pipeline-parts.js';
import { openJsonlWriter } from '../runner/index.js';
import type { Format } from '../sources/index.js';
import type { CliContext } from './cli-context.js';
import {
  addLlmOptions,
  addProviderOptions,
  addStoreOption,
  createCliLogger,
  formatOption,
  loadCliConfig,
  type ConfigFlags,
} from './config-flags.js';
import { previewCost } from './preview-cost.js';
import { runInputs } from './run-inputs.js';

interface SummarizeOptions extends ConfigFlags {
  format: Format | 'auto';
  out: string;
  force: boolean;
  dryRun: boolean;
}

/** `paperbrief summarize <inputs...>`: brief every paper, store the briefs, write them as JSONL. */
export function registerSummarizeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('summarize')
    .description('brief every paper of the inputs, store the briefs and write them as JSONL (brief v1)')
    .argument('<inputs...>', 'input files (JSONL, JSON, HF page text, HF API JSON, arXiv Atom), - for stdin')
    .addOption(formatOption())
    .option('-o, --out <file>', 'JSONL file to write the briefs to, or - for standard output', '-')
    .option('--force', 'brief again papers already stored with the same provider, model and prompt', false)
    .option('--dry-run', 'openai: print papers, tokens and estimated cost, then exit (no LLM call)', false)
    .addHelpText(
      'after',
      `
Briefs already stored under the same paper, provider, model and prompt version are reused
(counted as cached) unless --force. Progress and the summary go to stderr.
Exit code: 0 when every paper was briefed or cached; 1 when a record or paper failed;
2 for bad usage or configuration; 130 when interrupted (Ctrl-C: papers in flight finish).

Examples:
  $ paperbrief summarize examples/papers.jsonl --out briefs.jsonl
  $ paperbrief summarize daily-page.txt --format hf-page --out - > briefs.jsonl
  $ cat papers.jsonl | paperbrief summarize - --db ./briefs.db --concurrency 8
  $ paperbrief summarize feed.xml --force --out briefs.jsonl`,
    )
    .action(async (inputs: string[], options: SummarizeOptions) => {
      const config = loadCliConfig(options);
      if (options.dryRun) {
        context.exitCode = await previewCost(context, config, inputs, options);
        return;
      }
      const deps = await composeLocal(config, createCliLogger(config, context.stderr));
      try {
        const writer = await openJsonlWriter(options.out, context.stdout);
        const { summary, exitCode } = await runInputs(context, deps, {
          inputs,
          format: options.format,
          force: options.force,
          concurrency: runConcurrency(config),
          maxConnectionFailures: config.PAPERBRIEF_MAX_CONNECTION_FAILURES,
          onBrief: (brief) => writer.write(brief),
          briefsToTerminal: options.out === '-' && context.stdout.isTTY === true,
        });
        await writer.close();
        if (options.out !== '-') {
          context.stderr.write(
            `paperbrief: ${summary.briefed + summary.cached} brief(s) written to ${options.out}\n`,
          );
        }
        context.exitCode = exitCode;
      } finally {
        await deps.store.close();
      }
    });
  addProviderOptions(command);
  addLlmOptions(command);
  addStoreOption(command);
}
