import { InvalidArgumentError, Option, type Command } from 'commander';
import { z } from 'zod';
import type { Config } from '../config.js';
import { loadDeliverySettings } from '../compose/delivery-settings.js';
import { openConfiguredStore } from '../compose/pipeline-parts.js';
import { openConfiguredQueues } from '../compose/queues.js';
import {
  maxAttempts,
  UNDELIVERED_STATUSES,
  type DeliveryLog,
  type DeliveryRecord,
} from '../delivery/index.js';
import { jobOptions, replayDeliveries } from '../queue/index.js';
import { deliveryLogFor } from '../stores/index.js';
import type { Store } from '../stores/store.js';
import { type CliContext } from './cli-context.js';
import { addStoreOption, createCliLogger, loadCliConfig, parsePositiveInt } from './config-flags.js';
import { table } from './jobs-command.js';

/**
 * `paperbrief deliveries list|replay|enable`: the deliveries log (one record per brief version and
 * endpoint), replaying deliveries with their original webhook-id, and enabling an endpoint that a
 * 410 disabled.
 */
export function registerDeliveriesCommand(program: Command, context: CliContext): void {
  const deliveries = program
    .command('deliveries')
    .description('the webhook deliveries log: list, replay, enable an endpoint')
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief deliveries list --failed
  $ paperbrief deliveries list --endpoint team --limit 20
  $ paperbrief deliveries replay --failed --since 2026-01-02
  $ paperbrief deliveries enable --endpoint team`,
    );

  const list = deliveries
    .command('list')
    .description('deliveries, newest first: status, attempts, last answer, webhook-id')
    .option('--failed', 'only deliveries that ended without arriving (failed, gone, refused, skipped)', false)
    .option('--endpoint <id>', 'only deliveries to this endpoint')
    .addOption(new Option('--limit <n>', 'most deliveries listed').argParser(parsePositiveInt).default(50))
    .option('--json', 'print JSON lines instead of a table', false)
    .action(
      async (options: { failed: boolean; endpoint?: string; limit: number; json: boolean; db?: string }) =>
        withLog(context, options, async ({ log }) => {
          const records = await log.list({
            statuses: options.failed ? UNDELIVERED_STATUSES : undefined,
            endpointId: options.endpoint,
            limit: options.limit,
          });
          if (options.json) {
            for (const record of records) context.stdout.write(`${JSON.stringify(record)}\n`);
          } else if (records.length === 0) {
            context.stdout.write(options.failed ? 'no failed deliveries\n' : 'no deliveries\n');
          } else {
            const header = [
              'created',
              'status',
              'attempts',
              'endpoint',
              'paper',
              'webhook-id',
              'last answer',
            ];
            context.stdout.write(table(header, records.map(row)));
          }
          for (const disabled of await log.disabledEndpoints()) {
            context.stderr.write(
              `paperbrief: endpoint ${disabled.endpointId} is disabled since ${disabled.disabledAt} ` +
                `(${disabled.reason}); enable it with: paperbrief deliveries enable --endpoint ${disabled.endpointId}\n`,
            );
          }
        }),
    );
  addStoreOption(list);

  const replay = deliveries
    .command('replay')
    .description(
      'send recorded deliveries again, with the same webhook-id (distributed mode; needs REDIS_URL)',
    )
    .option('--failed', 'only deliveries that ended without arriving (failed, gone, refused, skipped)', false)
    .addOption(
      new Option(
        '--since <date>',
        'only deliveries first recorded at or after this date or ISO date-time',
      ).argParser(parseSince),
    )
    .option('--endpoint <id>', 'only deliveries to this endpoint')
    .action(async (options: { failed: boolean; since?: string; endpoint?: string; db?: string }) =>
      withLog(context, options, async ({ log, store, config }) => {
        const settings = await loadDeliverySettings(config);
        const open = await openConfiguredQueues(config);
        try {
          const result = await replayDeliveries(
            { failed: options.failed, since: options.since, endpointId: options.endpoint },
            {
              log,
              store,
              queue: open.queues.deliver,
              endpointIds: settings.endpoints.map((endpoint) => endpoint.id),
              jobOptions: jobOptions({ attempts: maxAttempts(settings.retryScheduleMs) }),
            },
          );
          for (const entry of result.replayed) {
            context.stdout.write(
              `replaying ${entry.webhookId}: paper ${entry.paperId} to ${entry.endpointId} (round ${entry.round}, job ${entry.jobId})\n`,
            );
          }
          for (const entry of result.skipped) {
            context.stderr.write(
              `paperbrief: not replayed ${entry.webhookId} (paper ${entry.paperId} to ${entry.endpointId}): ${entry.reason}\n`,
            );
          }
          context.stdout.write(
            `${result.replayed.length} delivery(ies) queued again, ${result.skipped.length} not replayed\n`,
          );
        } finally {
          await open.close();
        }
      }),
    );
  addStoreOption(replay);

  const enable = deliveries
    .command('enable')
    .description('enable an endpoint disabled by a 410 answer (replay what it missed with replay --failed)')
    .requiredOption('--endpoint <id>', 'the endpoint to enable')
    .action(async (options: { endpoint: string; db?: string }) =>
      withLog(context, options, async ({ log }) => {
        const was = await log.enableEndpoint(options.endpoint);
        context.stdout.write(
          was
            ? `endpoint ${options.endpoint} enabled (disabled since ${was.disabledAt}: ${was.reason})\n`
            : `endpoint ${options.endpoint} was not disabled\n`,
        );
      }),
    );
  addStoreOption(enable);
}

/** One table row: the time to the second, and the last answer as `HTTP 500` or the error. */
function row(record: DeliveryRecord): string[] {
  const answer = record.lastError ?? (record.lastStatusCode === null ? '-' : `HTTP ${record.lastStatusCode}`);
  return [
    record.createdAt.replace(/\.\d+Z$/, 'Z'),
    record.status,
    String(record.attempts),
    record.endpointId,
    record.paperId,
    record.webhookId,
    answer,
  ];
}

const SinceSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((text) => new Date(text).toISOString());

/** commander parser for `--since`: a date (`2026-01-02`, midnight UTC) or an ISO date-time. */
function parseSince(value: string): string {
  const parsed = SinceSchema.safeParse(value.trim());
  if (!parsed.success) throw new InvalidArgumentError('expected a date (2026-01-02) or an ISO date-time');
  return parsed.data;
}

async function withLog(
  context: CliContext,
  flags: { db?: string | undefined },
  work: (opened: { log: DeliveryLog; store: Store; config: Config }) => Promise<void>,
): Promise<void> {
  const config = loadCliConfig({ db: flags.db });
  const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
  try {
    await work({ log: deliveryLogFor(store), store, config });
  } finally {
    await store.close();
  }
}
