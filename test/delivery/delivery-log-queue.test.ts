import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  maxAttempts,
  webhookIdForBrief,
  type DeliveryLog,
  type DeliveryRecord,
} from '../../src/delivery/index.js';
import {
  countJobs,
  createWebhookHandOff,
  enqueuePapers,
  jobOptions,
  openQueues,
  replayDeliveries,
  startWorkers,
  type OpenQueues,
  type RunningWorkers,
} from '../../src/queue/index.js';
import { createSqliteDeliveryLog } from '../../src/stores/index.js';
import {
  makePapers,
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  temporaryStore,
  testSettings,
  waitFor,
} from '../queue/queue-test-kit.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const redisUrl = testRedisUrl();
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe.skipIf(!redisUrl)('deliveries log with the deliver queue (real Redis, receiver, SQLite)', () => {
  const url = redisUrl as string;
  let prefix: string;
  let storeHandle: ReturnType<typeof temporaryStore>;
  let log: DeliveryLog;
  let open: OpenQueues;
  let receiver: WebhookReceiver;
  let running: RunningWorkers | undefined;
  const summarizer = scriptedSummarizer();

  beforeEach(async () => {
    prefix = uniquePrefix('deliveries');
    storeHandle = temporaryStore();
    log = createSqliteDeliveryLog(storeHandle.store);
    open = await openQueues({ redisUrl: url, prefix });
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
    await receiver.close();
    await open.close();
    await storeHandle.dispose();
    await deleteKeysWithPrefix(url, prefix);
  });

  const schedules = { short: [20, 20], patient: [50, 50, 300, 300, 300] };

  async function startDelivering(retryScheduleMs: number[]) {
    const delivery = createWebhookHandOff(
      { endpoints: [{ id: 'hooks', url: receiver.url, secret }], retryScheduleMs, allowPrivate: true },
      { log },
    );
    running = await startWorkers(
      ['summarize', 'deliver'],
      {
        pipeline: pipelineDeps(summarizer, storeHandle.store),
        delivery,
        watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
        logger: silentLogger,
      },
      testSettings(url, prefix),
    );
    return { jobOptions: jobOptions({ attempts: maxAttempts(retryScheduleMs) }) };
  }

  async function enqueue(firstNumber: number) {
    await enqueuePapers(makePapers(1, firstNumber), {
      queue: open.queues.summarize,
      store: storeHandle.store,
      identity: summarizer,
      jobOptions: jobOptions(),
    });
  }

  async function recordOf(paperId: string) {
    return (await log.list()).find((record) => record.paperId === paperId);
  }

  /** Waits until the paper's delivery record satisfies `done`, and returns it. */
  async function waitForRecord(what: string, paperId: string, done: (record: DeliveryRecord) => boolean) {
    let found: DeliveryRecord | undefined;
    await waitFor(what, async () => {
      found = await recordOf(paperId);
      return found !== undefined && done(found);
    });
    return found as DeliveryRecord;
  }

  async function expectedWebhookId(paperId: string) {
    const brief = await storeHandle.store.latestForPaper(paperId);
    return webhookIdForBrief(brief!, 'hooks');
  }

  it('delivers to a receiver that was down for the first attempts, with the same webhook-id, and logs each attempt', async () => {
    await receiver.down();
    await startDelivering(schedules.patient);
    await enqueue(1);
    const pending = await waitForRecord(
      'two failed attempts',
      '2401.00001',
      (record) => record.attempts >= 2,
    );
    expect(pending).toMatchObject({ status: 'pending', lastStatusCode: null });
    expect(pending.lastError).toMatch(/ECONNREFUSED/);
    await receiver.up();

    const delivered = await waitForRecord(
      'the delivery',
      '2401.00001',
      (record) => record.status === 'delivered',
    );
    expect(delivered.attempts).toBeGreaterThanOrEqual(3);
    expect(delivered).toMatchObject({ lastStatusCode: 204, lastError: null, endpointId: 'hooks' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.headers['webhook-id']).toBe(delivered.webhookId);
    expect(delivered.webhookId).toBe(await expectedWebhookId('2401.00001'));
    expect(() => new Webhook(secret).verify(request!.rawBody, request!.headers)).not.toThrow();
  });

  it('keeps a delivery as failed after the last attempt, and replays it with the same webhook-id', async () => {
    receiver.respondWith(500, 500, 500);
    const { jobOptions: deliverOptions } = await startDelivering(schedules.short);
    await enqueue(1);
    await waitFor('the deliver job to fail', async () => (await countJobs(open.queues.deliver)).failed === 1);
    const failed = await recordOf('2401.00001');
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });

    const replay = (failedOnly: boolean) =>
      replayDeliveries(
        { failed: failedOnly },
        {
          log,
          store: storeHandle.store,
          queue: open.queues.deliver,
          endpointIds: ['hooks'],
          jobOptions: deliverOptions,
        },
      );
    const first = await replay(true);
    expect(first.skipped).toEqual([]);
    expect(first.replayed).toEqual([
      expect.objectContaining({
        webhookId: failed!.webhookId,
        round: 1,
        jobId: expect.stringMatching(/-r1$/),
      }),
    ]);
    await waitFor('the replay to arrive', async () => (await recordOf('2401.00001'))?.status === 'delivered');
    // The original job is still there, failed: the replay's job id did not collide with it.
    expect((await countJobs(open.queues.deliver)).failed).toBe(1);
    expect(await recordOf('2401.00001')).toMatchObject({ attempts: 4, replays: 1, lastStatusCode: 204 });

    expect((await replay(true)).replayed).toEqual([]); // nothing failed any more
    const second = await replay(false);
    expect(second.replayed.map((entry) => entry.round)).toEqual([2]);
    await receiver.waitForRequests(5);
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual(Array(5).fill(failed!.webhookId));
    for (const request of receiver.requests) {
      expect(new Webhook(secret).verify(request.rawBody, request.headers)).toMatchObject({
        type: 'brief.created',
        data: { paper: { id: '2401.00001' } },
      });
    }
  });

  it('disables an endpoint that answers 410: the next brief is skipped until it is enabled and replayed', async () => {
    receiver.respondWith({ status: 410, body: 'unsubscribed' });
    const { jobOptions: deliverOptions } = await startDelivering(schedules.short);
    await enqueue(1);
    await waitFor('the endpoint to be disabled', () => log.disabledEndpoint('hooks'));
    expect(await recordOf('2401.00001')).toMatchObject({ status: 'gone', attempts: 1, lastStatusCode: 410 });

    await enqueue(2);
    const skipped = await waitForRecord('the skip', '2401.00002', (record) => record.status === 'skipped');
    expect(skipped).toMatchObject({ attempts: 0, lastStatusCode: null });
    expect(skipped.lastError).toMatch(/^endpoint disabled since .*HTTP 410/);
    await waitFor(
      'the skipped job to complete',
      async () => (await countJobs(open.queues.deliver)).completed === 1,
    );
    const [completed] = await open.queues.deliver.getCompleted();
    expect(completed?.returnvalue).toMatchObject({ paperId: '2401.00002', status: 'skipped' });
    expect(receiver.requests).toHaveLength(1);

    const deps = {
      log,
      store: storeHandle.store,
      queue: open.queues.deliver,
      endpointIds: ['hooks'],
      jobOptions: deliverOptions,
    };
    const whileDisabled = await replayDeliveries({ failed: true }, deps);
    expect(whileDisabled.replayed).toEqual([]);
    expect(whileDisabled.skipped.map((entry) => entry.reason)).toEqual([
      expect.stringContaining('deliveries enable --endpoint hooks'),
      expect.stringContaining('deliveries enable --endpoint hooks'),
    ]);

    expect(await log.enableEndpoint('hooks')).toMatchObject({ reason: 'HTTP 410: the endpoint is gone' });
    const replayed = await replayDeliveries({ failed: true, endpointId: 'hooks' }, deps);
    expect(replayed.replayed.map((entry) => entry.paperId)).toEqual(['2401.00001', '2401.00002']);
    await waitFor('both replays to arrive', async () => {
      const records = await log.list({ statuses: ['delivered'] });
      return records.length === 2;
    });
    expect(receiver.requests.slice(1).map((request) => request.headers['webhook-id'])).toEqual([
      await expectedWebhookId('2401.00001'),
      await expectedWebhookId('2401.00002'),
    ]);
  });

  it('delivers a re-briefed paper (a new version) under a new webhook-id while the old job is kept', async () => {
    await startDelivering(schedules.short);
    await enqueue(1);
    await receiver.waitForRequests(1, 20_000);
    const [paper] = makePapers(1);
    const changed = { ...paper!, abstract: `${paper!.abstract} We also report 79.1% on ImageNet-V2.` };
    // enqueuePapers would see the kept summarize job; a new job id plays "re-briefed later".
    await open.queues.summarize.add('summarize', changed, { ...jobOptions(), jobId: 'rebrief-2401.00001' });
    await receiver.waitForRequests(2, 20_000);

    const [first, second] = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(second).not.toBe(first);
    expect(second).toBe(await expectedWebhookId('2401.00001'));
    await waitFor(
      'both deliveries in the log',
      async () => (await log.list({ statuses: ['delivered'] })).length === 2,
    );
    const records = await log.list({ order: 'oldest' });
    expect(records.map((record) => record.webhookId)).toEqual([first, second]);
    expect(records[0]?.inputHash).not.toBe(records[1]?.inputHash);
    expect((await countJobs(open.queues.deliver)).completed).toBe(2);
  });
});
