import type { Command } from 'commander';
import { refreshBatch, type BatchStoreDeps } from '../batch/index.js';
import { resolveProvider } from '../config.js';
import type { BatchSummary } from '../stores/batch-records.js';
import type { CliContext } from './cli-context.js';
import { loadCliConfig, type ConfigFlags } from './config-flags.js';
import { dollars } from './print-cost-estimate.js';
import { knownBatch, withBatchDeps, withBatchStore } from './with-batch-deps.js';

/**
 * `paperbrief batch status [id]`: a batch's state (every batch without an id), refreshed from the
 * provider when it is openai, else as stored. Returns the subcommand; registerBatchCommand adds
 * the provider, LLM and store options.
 */
export function registerBatchStatusCommand(batch: Command, context: CliContext): Command {
  return batch
    .command('status')
    .description(
      "a batch's state, asked of the provider when the openai provider is configured (else as stored; every batch without ID)",
    )
    .argument('[id]', 'batch id (batch_… or pbb-…)')
    .action(async (id: string | undefined, flags: ConfigFlags) => {
      const chosen = async (deps: BatchStoreDeps) =>
        id === undefined ? await deps.store.listBatches() : [await knownBatch(deps, id)];
      if (resolveProvider(loadCliConfig(flags)) !== 'openai') {
        // Reading the records needs no provider: print them as stored.
        return withBatchStore(context, flags, async (deps) => {
          context.stderr.write(
            'paperbrief: as stored (configure the openai provider to ask it for the current state)\n',
          );
          context.stdout.write(formatBatches(await chosen(deps), deps));
        });
      }
      return withBatchDeps(context, flags, async (deps) => {
        const refreshed = [];
        for (const one of await chosen(deps))
          refreshed.push(one.collectedAt === null ? await refreshBatch(one, deps) : one);
        context.stdout.write(formatBatches(refreshed, deps));
      });
    });
}

/**
 * `paperbrief batch list`: every recorded batch, from the store alone. Returns the subcommand;
 * registerBatchCommand adds the provider, LLM and store options.
 */
export function registerBatchListCommand(batch: Command, context: CliContext): Command {
  return batch
    .command('list')
    .description('every recorded batch, newest first (from the store: no provider call)')
    .action(async (flags: ConfigFlags) =>
      withBatchStore(context, flags, async (deps) => {
        context.stdout.write(formatBatches(await deps.store.listBatches(), deps));
      }),
    );
}

/** One line per batch: ids, status, papers by state, age, estimated cost. */
function formatBatches(batches: readonly BatchSummary[], deps: BatchStoreDeps): string {
  const now = (deps.now?.() ?? new Date()).getTime();
  const age = (iso: string) => {
    const minutes = Math.round((now - Date.parse(iso)) / 60_000);
    return minutes < 120 ? `${minutes}m` : `${Math.round(minutes / 60)}h`;
  };
  const header = 'batch\tid\tstatus\tpapers\tbriefed\tfailed\twaiting\tage\testimated cost\n';
  return (
    header +
    batches
      .map(
        (one) =>
          `${one.providerBatchId ?? '-'}\t${one.id}\t${one.status}${one.collectedAt ? ' (collected)' : ''}\t` +
          `${one.requestCount}\t${one.papers.briefed}\t${one.papers.failed}\t` +
          `${one.papers.pending + one.papers.claimed}\t${age(one.createdAt)}\t${dollars(one.estimatedCostUsd)}` +
          (one.detail ? `\t${one.detail}` : ''),
      )
      .map((line) => `${line}\n`)
      .join('')
  );
}
