import type { Command } from 'commander';
import { cancelBatch } from '../batch/index.js';
import type { CliContext } from './cli-context.js';
import type { ConfigFlags } from './config-flags.js';
import { knownBatch, nameOf, withBatchDeps } from './with-batch-deps.js';

/**
 * `paperbrief batch cancel <id>`: cancel a batch (at the provider once it has reached one); its
 * answers so far can still be collected. Returns the subcommand; registerBatchCommand adds the
 * provider, LLM and store options.
 */
export function registerBatchCancelCommand(batch: Command, context: CliContext): Command {
  return batch
    .command('cancel')
    .description('cancel a batch (its answers so far can still be collected)')
    .argument('<id>', 'batch id (batch_… or pbb-…)')
    .action(async (id: string, flags: ConfigFlags) =>
      withBatchDeps(context, flags, async (deps) => {
        const cancelled = await cancelBatch(await knownBatch(deps, id), deps);
        context.stdout.write(`${nameOf(cancelled)}\t${cancelled.status}\n`);
      }),
    );
}
