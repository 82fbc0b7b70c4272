import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countJobs,
  createWebhookHandOff,
  enqueuePapers,
  jobOptions,
  listFailedJobs,
  openQueues,
  startWorkers,
  type OpenQueues,
  type RunningWorkers,
} from '../../src/queue/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import {
  makePapers,
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  temporaryStore,
  testSettings,
  waitFor,
} from './queue-test-kit.js';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('deliver queue with the webhook library (real Redis, real receiver)', () => {
  const url = redisUrl as string;
  let prefix: string;
  let storeHandle: ReturnType<typeof temporaryStore>;
  let open: OpenQueues;
  let receiver: WebhookReceiver;
  let running: RunningWorkers | undefined;

  beforeEach(async () => {
    prefix = uniquePrefix('webhooks');
    storeHandle = temporaryStore();
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

  async function briefAndDeliver(paperCount: number, metrics = createMetrics()) {
    const summarizer = scriptedSummarizer();
    const delivery = createWebhookHandOff(
      {
        endpoints: [
          { id: 'hooks', url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` },
        ],
        retryScheduleMs: [50, 50],
        allowPrivate: true,
      },
      { metrics },
    );
    running = await startWorkers(
      ['summarize', 'deliver'],
      {
        pipeline: pipelineDeps(summarizer, storeHandle.store),
        delivery,
        poll: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
        logger: silentLogger,
      },
      testSettings(url, prefix),
    );
    await enqueuePapers(makePapers(paperCount), {
      queue: open.queues.summarize,
      store: storeHandle.store,
      summarizer,
      jobOptions: jobOptions(),
    });
  }

  it('retries a failed send on the schedule with the same webhook id, never re-running the LLM', async () => {
    receiver.respondWith(503, 503);
    const metrics = createMetrics();
    await briefAndDeliver(1, metrics);
    await waitFor(
      'the delivery to complete',
      async () => (await countJobs(open.queues.deliver)).completed === 1,
    );
    expect(receiver.requests).toHaveLength(3);
    const ids = new Set(receiver.requests.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(JSON.parse(receiver.requests[2]?.rawBody ?? '{}')).toMatchObject({
      type: 'brief.created',
      data: { paper: { id: '2401.00001' } },
    });
    const [job] = await open.queues.deliver.getCompleted();
    expect(job?.attemptsMade).toBe(3);
    const counted = (await metrics.deliveries.get()).values.map((value) => [
      value.labels.outcome,
      value.value,
    ]);
    expect(counted.sort()).toEqual([
      ['delivered', 1],
      ['retry', 2],
    ]);
    expect((await countJobs(open.queues.summarize)).completed).toBe(1);
  });

  it('fails the delivery when the schedule is spent, or at once when the endpoint is gone', async () => {
    receiver.respondWith(500, 500, 500, 410);
    await briefAndDeliver(1);
    await waitFor('the delivery to fail', async () => (await countJobs(open.queues.deliver)).failed === 1);
    const [failed] = await listFailedJobs(open.queues.deliver, 'deliver');
    expect(failed).toMatchObject({
      paperId: '2401.00001',
      attempts: 3,
      reason: 'webhook_failed: endpoint hooks: HTTP 500',
    });
    expect(receiver.requests).toHaveLength(3);

    await open.queues.deliver.getJob(failed?.id as string).then((job) => job?.retry('failed'));
    await waitFor(
      'the retried delivery to fail',
      async () => (await countJobs(open.queues.deliver)).failed === 1 && receiver.requests.length === 4,
    );
    const [gone] = await listFailedJobs(open.queues.deliver, 'deliver');
    expect(gone?.reason).toMatch(/^endpoint_gone: endpoint hooks: HTTP 410/);
  });
});
