import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
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
import { allBriefs } from './brief-audit.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { describeReasons, queueOutcome, settleWithin } from './queue-outcome.js';
import { deliveredBriefs, seededRandom } from './webhook-audit.js';

const redisUrl = testRedisUrl();
const PAPERS = 200;
const ALLOWED_TAGS = new Set(['vision']);

/**
 * Webhook delivery when the receiver misbehaves: down (connection refused) for the first part
 * of the run, then up; or answering 500 at random. Summarize and deliver are separate queues, so
 * the LLM is never run again for a delivery; every stored brief must reach the receiver (2xx) or
 * fail its delivery with a reason, and every brief sent must be valid and grounded.
 */
describe.skipIf(!redisUrl)('fault: webhook receiver down, then answering 500 at random', () => {
  const url = redisUrl as string;
  let cleanup: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup = [];
  });

  async function runWithReceiver(
    label: string,
    seedOffset: number,
    statuses: readonly number[],
    retryScheduleMs: number[],
    whileRunning: (context: { receiver: WebhookReceiver; open: OpenQueues }) => Promise<string>,
    prepare: (receiver: WebhookReceiver) => Promise<void> = async () => {},
  ) {
    const startedAt = performance.now();
    const prefix = uniquePrefix('faults-webhook');
    const handle = temporaryStore();
    const receiver = await startWebhookReceiver();
    const open = await openQueues({ redisUrl: url, prefix });
    cleanup.push(async () => {
      await receiver.close();
      await open.close();
      await handle.dispose();
      await deleteKeysWithPrefix(url, prefix);
    });
    await prepare(receiver);
    receiver.respondWith(...statuses);

    const papers = makePapers(PAPERS, seedOffset);
    const summarizer = scriptedSummarizer();
    const delivery = createWebhookHandOff({
      endpoints: [{ id: 'hooks', url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` }],
      retryScheduleMs,
      allowPrivate: true,
    });
    const running: RunningWorkers = await startWorkers(
      ['summarize', 'deliver'],
      {
        pipeline: pipelineDeps(summarizer, handle.store),
        delivery,
        watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
        logger: silentLogger,
      },
      testSettings(url, prefix, { concurrency: 8 }),
    );
    cleanup.push(() => running.close()); // closed first: cleanup runs in reverse
    await enqueuePapers(papers, {
      queue: open.queues.summarize,
      store: handle.store,
      identity: summarizer,
      jobOptions: jobOptions(),
    });
    const whatHappened = await whileRunning({ receiver, open });
    const unsettled = await settleWithin(open.queues.summarize, PAPERS, 60_000);
    const briefs = await handle.store.count();
    const deliveriesUnsettled = await settleWithin(open.queues.deliver, briefs, 60_000);

    const outcome = await queueOutcome(papers, open.queues.summarize, handle.store, ALLOWED_TAGS);
    const deliverFailed = await listFailedJobs(open.queues.deliver, 'deliver', PAPERS);
    const failedDeliveryIds = new Set(deliverFailed.map((job) => job.paperId));
    const delivered = deliveredBriefs(
      receiver,
      statuses,
      new Map(papers.map((paper) => [paper.id, paper])),
      ALLOWED_TAGS,
    );
    // A stored brief is lost when it neither reached the receiver nor failed with a reason.
    const undelivered = [...new Set((await allBriefs(handle.store)).map((brief) => brief.paper.id))].filter(
      (id) => !delivered.ids.has(id) && !failedDeliveryIds.has(id),
    );
    const deliverCounts = await countJobs(open.queues.deliver);
    const deliverJobs = await open.queues.deliver.getCompleted(0, PAPERS);
    const attempts = deliverJobs.reduce((sum, job) => sum + job.attemptsMade, 0);
    const reasons = new Map([...deliverFailed.map((job) => [job.reason.slice(0, 80), 1] as const)]);
    const row = recordFaultRow({
      scenario: `webhook ${label} (${PAPERS} papers)`,
      ...outcome.row,
      failedWithReason:
        (outcome.row.failedWithReason ?? 0) + deliverFailed.filter((job) => job.reason).length,
      failedWithoutReason:
        (outcome.row.failedWithoutReason ?? 0) + deliverFailed.filter((job) => !job.reason).length,
      invalidBriefs: (outcome.row.invalidBriefs ?? 0) + delivered.problems.length,
      lost: (outcome.row.lost ?? 0) + undelivered.length,
      notes:
        `${whatHappened}; ${delivered.ids.size} briefs delivered in ${receiver.requests.length} requests, ` +
        `${delivered.resentAfterSuccess} re-sent after a 2xx; ${deliverCounts.completed} deliver jobs completed after ${attempts} attempts` +
        (reasons.size > 0 ? `, failed: ${describeReasons(reasons)}` : '') +
        `; ${summarizer.calls.length} summarizer calls` +
        (unsettled ? `; ${unsettled}` : '') +
        (deliveriesUnsettled ? `; deliveries ${deliveriesUnsettled}` : ''),
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row, [...outcome.problems, ...delivered.problems]);
    expect(undelivered).toEqual([]);
    expect(unsettled ?? deliveriesUnsettled).toBeUndefined();
    // A failing webhook never runs the summarizer again.
    expect(summarizer.calls).toHaveLength(PAPERS);
    return { row, delivered, receiver, attempts };
  }

  it('receiver down (connection refused) for the first part of the run, then up', async () => {
    const { row, delivered, attempts } = await runWithReceiver(
      'receiver down, then up',
      70_001,
      [],
      [50, 100, 200, 400, 800, 1_600, 3_200],
      async ({ receiver, open }) => {
        // Down until half the papers are briefed and deliveries are waiting out their retries.
        await waitFor('100 briefs and failed deliveries', async () => {
          const summarize = await countJobs(open.queues.summarize);
          const deliver = await countJobs(open.queues.deliver);
          return summarize.completed >= PAPERS / 2 && deliver.delayed > 0;
        });
        const waiting = (await countJobs(open.queues.deliver)).delayed;
        await receiver.up();
        return `receiver refused connections until ${waiting} deliveries were waiting to retry`;
      },
      (receiver) => receiver.down(),
    );
    expect(row.briefsStored).toBe(PAPERS);
    expect(delivered.ids.size).toBe(PAPERS);
    expect(attempts).toBeGreaterThan(PAPERS); // refused attempts were retried, not dropped
  });

  it('receiver answering 500 at random (30% of requests)', async () => {
    const random = seededRandom(11);
    const statuses = Array.from({ length: PAPERS * 4 }, () => (random() < 0.3 ? 500 : 204));
    const { row, receiver } = await runWithReceiver(
      'answering 500 at random',
      80_001,
      statuses,
      [20, 40, 80, 160, 320, 640],
      async () =>
        `${statuses.filter((status) => status === 500).length} of the first ${statuses.length} answers scripted 500`,
    );
    expect(row.briefsStored).toBe(PAPERS);
    expect(receiver.requests.length).toBeGreaterThan(PAPERS);
  });
});
