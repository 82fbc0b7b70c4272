import type { Command } from 'commander';
import { registerBatchCancelCommand } from './batch-cancel-command.js';
import { registerBatchCollectCommand } from './batch-collect-command.js';
import { registerBatchListCommand, registerBatchStatusCommand } from './batch-status-command.js';
import { registerBatchSubmitCommand } from './batch-submit-command.js';
import type { CliContext } from './cli-context.js';
import { addLlmOptions, addProviderOptions, addStoreOption } from './config-flags.js';

/** `paperbrief batch submit|status|list|collect|cancel`: backlogs through the Batch API. */
export function registerBatchCommand(program: Command, context: CliContext): void {
  const batch = program
    .command('batch')
    .description('brief a backlog through the Batch API: half the price, answers within 24 h')
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief batch submit backlog.jsonl --dry-run      # what it would cost, no LLM call
  $ paperbrief batch submit backlog.jsonl                # prints the batch ids
  $ paperbrief batch list
  $ paperbrief batch collect --wait --poll-interval 10m  # every batch not yet collected
  $ paperbrief batch submit backlog.jsonl --batch-file-out requests.jsonl   # vLLM run-batch
  $ paperbrief batch collect --from-file results.jsonl`,
    );

  // Registered in this order, which is the order `batch --help` lists them in.
  const submit = registerBatchSubmitCommand(batch, context);
  const status = registerBatchStatusCommand(batch, context);
  const list = registerBatchListCommand(batch, context);
  const collect = registerBatchCollectCommand(batch, context);
  const cancel = registerBatchCancelCommand(batch, context);

  // After each subcommand's own options, so that its --help lists those first.
  for (const command of [submit, status, list, collect, cancel]) {
    addProviderOptions(command);
    addLlmOptions(command);
    addStoreOption(command);
  }
}
