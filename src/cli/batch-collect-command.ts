import { InvalidArgumentError, Option, type Command } from 'commander';
import { collectBatch, collectFromFile, type BatchDeps, type IngestTally } from '../batch/index.js';
import type { Config } from '../config.js';
import { parseDurationMs } from '../retry-after.js';
import type { BatchSummary } from '../stores/batch-records.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import type { ConfigFlags } from './config-flags.js';
import { dollars } from './print-cost-estimate.js';
import { knownBatch, nameOf, withBatchDeps } from './with-batch-deps.js';

interface CollectFlags extends ConfigFlags {
  wait: boolean;
  pollInterval: number;
  fromFile?: string;
}

/**
 * `paperbrief batch collect [id]`: brief the answers of finished batches (or of a vLLM output file
 * with `--from-file`). Returns the subcommand; registerBatchCommand adds the provider, LLM and
 * store options.
 */
export function registerBatchCollectCommand(batch: Command, context: CliContext): Command {
  return batch
    .command('collect')
    .description(
      'brief the answers of finished batches (every batch not yet collected without ID); ' +
        'queues their webhooks in distributed mode (REDIS_URL or REDIS_CLUSTER_NODES) only',
    )
    .argument('[id]', 'batch id (batch_… or pbb-…)')
    .option('--wait', 'wait for the batch to finish, polling', false)
    .addOption(
      new Option('--poll-interval <duration>', 'time between polls with --wait: 30s, 10m')
        .argParser(parseDuration)
        .default(60_000, '1m'),
    )
    .option('--from-file <file>', 'ingest an output JSONL written by vLLM run-batch (for --batch-file-out)')
    .action(async (id: string | undefined, flags: CollectFlags) =>
      withBatchDeps(
        context,
        flags,
        async (deps, config) => {
          const options = { signal: context.stopSignal, concurrency: 4 };
          const report = (one: BatchSummary, tally: IngestTally) =>
            reportCollect(context, one, tally, deps, config);
          if (flags.fromFile !== undefined) {
            const { tally, batches } = await collectFromFile(flags.fromFile, deps, options);
            for (const one of batches) report(one, tally);
            return;
          }
          const targets =
            id === undefined
              ? (await deps.store.listBatches()).filter(
                  (one) => one.collectedAt === null && one.providerBatchId !== null,
                )
              : [await knownBatch(deps, id)];
          for (const target of targets) {
            const result = await collectBatch(target.id, deps, {
              ...options,
              wait: flags.wait,
              pollIntervalMs: flags.pollInterval,
            });
            if (!result.ready) {
              context.stderr.write(
                `paperbrief: ${nameOf(result.batch)} is ${result.batch.status}: nothing to collect yet\n`,
              );
              continue;
            }
            report(result.batch, result);
          }
          if (context.stopSignal.aborted) context.exitCode = EXIT_CODES.interrupted;
        },
        { deliveries: true },
      ),
    );
}

function reportCollect(
  context: CliContext,
  one: BatchSummary,
  tally: IngestTally,
  deps: BatchDeps,
  config: Config,
) {
  const webhooks = deps.deliveries ? `, webhooks queued ${tally.deliveries}` : '';
  context.stderr.write(
    `paperbrief: ${nameOf(one)} (${one.status}): briefed ${tally.briefed}, cached ${tally.cached}, ` +
      `failed ${tally.failed.length}, repaired ${tally.repaired} (${tally.syncCalls} synchronous calls), ` +
      `retry later ${tally.retryLater}, taken by another collect ${tally.takenByOthers}${webhooks}, ` +
      `cost ${dollars(tally.costUsd)}\n`,
  );
  if (!deps.deliveries && tally.briefed > 0 && webhooksConfigured(config)) {
    context.stderr.write(
      'paperbrief: webhooks not sent: collect queues them in distributed mode only (set REDIS_URL or REDIS_CLUSTER_NODES)\n',
    );
  }
  for (const failure of tally.failed) context.stderr.write(`failed: ${failure.paperId}: ${failure.reason}\n`);
  if (tally.failed.length > 0) {
    context.stderr.write(
      'paperbrief: failed papers can be submitted again (batch submit skips those briefed)\n',
    );
    context.exitCode = EXIT_CODES.failed;
  }
}

/** Whether any webhook endpoint is configured (checked by the delivery settings in distributed mode). */
function webhooksConfigured(config: Config): boolean {
  return [
    config.PAPERBRIEF_WEBHOOK_URL,
    config.PAPERBRIEF_WEBHOOKS_FILE,
    config.PAPERBRIEF_SLACK_WEBHOOK_URL,
    config.PAPERBRIEF_DISCORD_WEBHOOK_URL,
  ].some((value) => value !== undefined);
}

function parseDuration(value: string): number {
  const milliseconds = parseDurationMs(value);
  if (milliseconds === undefined || milliseconds <= 0)
    throw new InvalidArgumentError('expected a duration: 30s, 10m, 1h');
  return milliseconds;
}
