import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  briefVersionOf,
  DeliveryRecordSchema,
  webhookIdForBrief,
  type DeliveryLog,
} from '../../src/delivery/index.js';
import { ENV_ENDPOINT_ID } from '../../src/compose/delivery-settings.js';
import { createWebhookHandOff, openQueues, startWorkers } from '../../src/queue/index.js';
import { createSqliteDeliveryLog, createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import {
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  testSettings,
  waitFor,
} from '../queue/queue-test-kit.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from './cli-harness.js';

const folder = tempFolder('deliveries');
let files = 0;

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(() => folder.remove());

/** A fresh SQLite file with a store and its deliveries log, the clock at `start` plus one second per record. */
function seededDatabase(): { path: string; store: SqliteStore; log: DeliveryLog; tick: () => void } {
  const path = join(folder.path, `deliveries-${++files}.db`);
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const store = createSqliteStore({ path });
  const log = createSqliteDeliveryLog(store, { now: () => new Date(now) });
  return { path, store, log, tick: () => (now += 1_000) };
}

async function seedThree(log: DeliveryLog, tick: () => void) {
  const versionOf = (paperId: string) => briefVersionOf(briefFixture({ paper: { id: paperId } }));
  await log.record({
    webhookId: 'msg_one',
    endpointId: 'team',
    version: versionOf('2401.00001'),
    status: 'delivered',
    attempted: true,
    statusCode: 204,
  });
  tick();
  await log.record({
    webhookId: 'msg_two',
    endpointId: 'team',
    version: versionOf('2401.00002'),
    status: 'failed',
    attempted: true,
    statusCode: 500,
    error: 'HTTP 500',
  });
  tick();
  await log.record({
    webhookId: 'msg_three',
    endpointId: 'other',
    version: versionOf('2401.00003'),
    status: 'gone',
    attempted: true,
    statusCode: 410,
    error: 'HTTP 410: the endpoint is gone',
  });
  await log.disableEndpoint({
    endpointId: 'other',
    disabledAt: '2026-03-01T10:00:02.000Z',
    reason: 'HTTP 410: the endpoint is gone',
    webhookId: 'msg_three',
  });
}

describe('paperbrief deliveries list and enable', () => {
  it('lists deliveries newest first, filtered by --failed, --endpoint and --limit, as a table or JSON', async () => {
    const { path, store, log, tick } = seededDatabase();
    await seedThree(log, tick);
    await store.close();

    const all = await runCli(['deliveries', 'list', '--db', path]);
    expect(all.code).toBe(0);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^created\s+status\s+attempts\s+endpoint\s+paper\s+webhook-id\s+last answer$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
      [
        '2026-03-01T10:00:02Z',
        'gone',
        '1',
        'other',
        '2401.00003',
        'msg_three',
        'HTTP 410: the endpoint is gone',
      ],
      ['2026-03-01T10:00:01Z', 'failed', '1', 'team', '2401.00002', 'msg_two', 'HTTP 500'],
      ['2026-03-01T10:00:00Z', 'delivered', '1', 'team', '2401.00001', 'msg_one', 'HTTP 204'],
    ]);
    expect(all.stderr).toContain(
      'endpoint other is disabled since 2026-03-01T10:00:02.000Z (HTTP 410: the endpoint is gone); ' +
        'enable it with: paperbrief deliveries enable --endpoint other',
    );

    const failed = await runCli([
      'deliveries',
      'list',
      '--failed',
      '--endpoint',
      'team',
      '--json',
      '--db',
      path,
    ]);
    expect(failed.code).toBe(0);
    const records = jsonLines(failed.stdout).map((line) => DeliveryRecordSchema.parse(line));
    expect(records.map((record) => [record.webhookId, record.status])).toEqual([['msg_two', 'failed']]);

    const limited = await runCli(['deliveries', 'list', '--limit', '1', '--json', '--db', path]);
    expect(jsonLines(limited.stdout).map((line) => (line as { webhookId: string }).webhookId)).toEqual([
      'msg_three',
    ]);

    const badLimit = await runCli(['deliveries', 'list', '--limit', '0', '--db', path]);
    expect(badLimit.code).toBe(2);
  });

  it('says so when there is nothing to list', async () => {
    const { path, store } = seededDatabase();
    await store.close();
    const result = await runCli(['deliveries', 'list', '--failed', '--db', path]);
    expect(result).toMatchObject({ code: 0, stdout: 'no failed deliveries\n', stderr: '' });
  });

  it('enables a disabled endpoint, once', async () => {
    const { path, store, log, tick } = seededDatabase();
    await seedThree(log, tick);
    const first = await runCli(['deliveries', 'enable', '--endpoint', 'other', '--db', path]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      'endpoint other enabled (disabled since 2026-03-01T10:00:02.000Z: HTTP 410: the endpoint is gone)\n',
    );
    expect(await log.disabledEndpoint('other')).toBeUndefined();
    const again = await runCli(['deliveries', 'enable', '--endpoint', 'other', '--db', path]);
    expect(again.stdout).toBe('endpoint other was not disabled\n');
    await store.close();
  });
});

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('paperbrief deliveries replay (real Redis, receiver, SQLite)', () => {
  it('queues failed deliveries again and they arrive with their original webhook-id and a valid signature', async () => {
    const url = redisUrl as string;
    const prefix = uniquePrefix('cli-replay');
    const receiver = await startWebhookReceiver();
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const { path, store, log, tick } = seededDatabase();
    const brief = briefFixture();
    await store.put(brief);
    const webhookId = webhookIdForBrief(brief, ENV_ENDPOINT_ID);
    const version = briefVersionOf(brief);
    await log.record({
      webhookId,
      endpointId: ENV_ENDPOINT_ID,
      version,
      status: 'failed',
      attempted: true,
      statusCode: 500,
    });
    tick();
    await log.record({
      webhookId: 'msg_elsewhere',
      endpointId: 'retired',
      version,
      status: 'failed',
      attempted: true,
      error: 'connection failed: ECONNREFUSED',
    });
    const env = {
      REDIS_URL: url,
      PAPERBRIEF_QUEUE_PREFIX: prefix,
      PAPERBRIEF_WEBHOOK_URL: receiver.url,
      PAPERBRIEF_WEBHOOK_SECRET: secret,
      PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE: '1',
      PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: '20ms,20ms',
    };
    const open = await openQueues({ redisUrl: url, prefix });
    let running: Awaited<ReturnType<typeof startWorkers>> | undefined;
    try {
      const result = await runCli(
        ['deliveries', 'replay', '--failed', '--since', '2026-03-01', '--db', path],
        { env },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        new RegExp(
          `^replaying ${webhookId}: paper 2406.04312 to default \\(round 1, job d-2406.04312-[0-9a-f]+-r1\\)\n`,
        ),
      );
      expect(result.stdout).toContain('1 delivery(ies) queued again, 1 not replayed\n');
      expect(result.stderr).toContain(
        'not replayed msg_elsewhere (paper 2406.04312 to retired): the endpoint is no longer configured',
      );
      const [job] = await open.queues.deliver.getWaiting();
      expect(job?.id).toMatch(/-r1$/);
      expect(job?.opts.attempts).toBe(3);
      expect(await log.get(webhookId)).toMatchObject({ status: 'pending', replays: 1 });

      const none = await runCli(['deliveries', 'replay', '--since', '2026-03-02T00:00:00Z', '--db', path], {
        env,
      });
      expect(none).toMatchObject({
        code: 0,
        stderr: '',
        stdout: '0 delivery(ies) queued again, 0 not replayed\n',
      });
      const badDate = await runCli(['deliveries', 'replay', '--since', 'yesterday', '--db', path], { env });
      expect(badDate.code).toBe(2);

      const delivery = createWebhookHandOff(
        {
          endpoints: [{ id: ENV_ENDPOINT_ID, url: receiver.url, secret }],
          retryScheduleMs: [20, 20],
          allowPrivate: true,
        },
        { log },
      );
      running = await startWorkers(
        ['deliver'],
        {
          pipeline: pipelineDeps(scriptedSummarizer(), store),
          delivery,
          watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
          logger: silentLogger,
        },
        testSettings(url, prefix),
      );
      const [request] = await receiver.waitForRequests(1, 20_000);
      expect(request?.headers['webhook-id']).toBe(webhookId);
      expect(new Webhook(secret).verify(request!.rawBody, request!.headers)).toMatchObject({ data: brief });
      await waitFor(
        'the log to say delivered',
        async () => (await log.get(webhookId))?.status === 'delivered',
      );
    } finally {
      await running?.close();
      await open.close();
      await receiver.close();
      await store.close();
      await deleteKeysWithPrefix(url, prefix);
    }
  });
});
