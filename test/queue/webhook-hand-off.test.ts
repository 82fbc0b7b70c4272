import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countJobs,
  createWebhookHandOff,
  enqueuePapers,
  jobOptions,
  listFailedJobs,
} from '../../src/queue/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { titleHashId } from '../../src/papers/paper-id.js';
import type { Paper } from '../../src/papers/paper.js';
import { testRedisUrl } from '../support/redis.js';
import { SlackMessageSchema } from '../support/chat-schemas.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { makePapers, pipelineDeps, scriptedSummarizer, queueTestbed, waitFor } from './queue-test-kit.js';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('deliver queue with the webhook library (real Redis, real receiver)', () => {
  const bed = queueTestbed(redisUrl as string, 'webhooks');
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await bed.stopWorkers();
    await receiver.close();
  });

  async function briefAndDeliver(
    paperCount: number,
    metrics = createMetrics(),
    format?: 'slack',
    papers = makePapers(paperCount),
  ) {
    const summarizer = scriptedSummarizer();
    const endpoint =
      format === 'slack'
        ? { id: 'team-slack', url: receiver.url, format }
        : { id: 'hooks', url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` };
    const delivery = createWebhookHandOff(
      {
        endpoints: [endpoint],
        retryScheduleMs: [50, 50],
        allowPrivate: true,
      },
      { metrics },
    );
    await bed.startWorkers(['summarize', 'deliver'], {
      pipeline: pipelineDeps(summarizer, bed.store),
      delivery,
    });
    await enqueuePapers(papers, {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: summarizer,
      jobOptions: jobOptions(),
    });
  }

  it('retries a failed send on the schedule with the same webhook id, never re-running the LLM', async () => {
    receiver.respondWith(503, 503);
    const metrics = createMetrics();
    await briefAndDeliver(1, metrics);
    await waitFor(
      'the delivery to complete',
      async () => (await countJobs(bed.open.queues.deliver)).completed === 1,
    );
    expect(receiver.requests).toHaveLength(3);
    const ids = new Set(receiver.requests.map((request) => request.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(JSON.parse(receiver.requests[2]?.rawBody ?? '{}')).toMatchObject({
      type: 'brief.created',
      data: { paper: { id: '2401.00001' } },
    });
    const [job] = await bed.open.queues.deliver.getCompleted();
    expect(job?.attemptsMade).toBe(3);
    const counted = (await metrics.deliveries.get()).values.map((value) => [
      value.labels.outcome,
      value.value,
    ]);
    expect(counted.sort()).toEqual([
      ['delivered', 1],
      ['retry', 2],
    ]);
    expect((await countJobs(bed.open.queues.summarize)).completed).toBe(1);
  });

  it('fails the delivery when the schedule is spent, or at once when the endpoint is gone', async () => {
    receiver.respondWith(500, 500, 500, 410);
    await briefAndDeliver(1);
    await waitFor(
      'the delivery to fail',
      async () => (await countJobs(bed.open.queues.deliver)).failed === 1,
    );
    const [failed] = await listFailedJobs(bed.open.queues.deliver, 'deliver');
    expect(failed).toMatchObject({
      paperId: '2401.00001',
      attempts: 3,
      reason: 'webhook_failed: endpoint hooks: HTTP 500',
    });
    expect(receiver.requests).toHaveLength(3);

    await bed.open.queues.deliver.getJob(failed?.id as string).then((job) => job?.retry('failed'));
    await waitFor(
      'the retried delivery to fail',
      async () => (await countJobs(bed.open.queues.deliver)).failed === 1 && receiver.requests.length === 4,
    );
    const [gone] = await listFailedJobs(bed.open.queues.deliver, 'deliver');
    expect(gone?.reason).toMatch(/^endpoint_gone: endpoint hooks: HTTP 410/);
  });

  it('delivers three briefs to a Slack-format endpoint as Block Kit messages, waiting out its 429', async () => {
    receiver.respondWith({ status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' });
    await briefAndDeliver(3, createMetrics(), 'slack');
    await waitFor(
      'the three deliveries to complete',
      async () => (await countJobs(bed.open.queues.deliver)).completed === 3,
    );
    expect(receiver.requests).toHaveLength(4);
    const messages = receiver.requests
      .slice(1)
      .map((request) => SlackMessageSchema.parse(JSON.parse(request.rawBody)));
    const headers = messages.map(
      (message) => message.blocks[0]?.type === 'header' && message.blocks[0].text.text,
    );
    expect(headers.sort()).toEqual(
      [1, 2, 3].map((n) => `Paper 0000${n}: Sparse Routing for Efficient Vision Models`),
    );
    // The rate-limited first attempt was sent again, unchanged, after the asked-for wait.
    expect(
      receiver.requests.filter((request) => request.rawBody === receiver.requests[0]?.rawBody),
    ).toHaveLength(2);
    for (const request of receiver.requests) expect(request.headers['webhook-signature']).toBeUndefined();
  });

  it('sends one webhook for a paper read from a page and then from arXiv (one identity)', async () => {
    const [arxiv] = makePapers(1) as [Paper];
    // The page's copy: no arXiv id, so a title-hash id; the same title and abstract otherwise.
    const page: Paper = { ...arxiv, id: titleHashId(arxiv.title), source: 'hf-page' };
    delete page.url;
    await briefAndDeliver(1, createMetrics(), undefined, [page]);
    await waitFor(
      'the page copy to be delivered',
      async () => (await countJobs(bed.open.queues.deliver)).completed === 1,
    );
    await enqueuePapers([arxiv], {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: scriptedSummarizer(),
      jobOptions: jobOptions(),
    });
    await waitFor(
      'the arXiv copy to be processed',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 2,
    );
    const deliver = await countJobs(bed.open.queues.deliver);
    expect(deliver.completed + deliver.waiting + deliver.active + deliver.delayed).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await bed.store.count()).toBe(1);
    expect((await bed.store.latestForPaper(page.id))?.paper.id).toBe(arxiv.id);
  });
});
