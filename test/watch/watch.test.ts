import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForRequestSlot } from '../../src/watch/index.js';
import { countJobs, jobOptions, listWatches, removeWatch, upsertWatch } from '../../src/queue/index.js';
import { pipelineDeps, scriptedSummarizer, queueTestbed, waitFor } from '../queue/queue-test-kit.js';
import { testRedisUrl } from '../support/redis.js';

const redisUrl = testRedisUrl();

/** An item of the Hugging Face daily papers API, as the hf-api reader expects it. */
function hfItem(number: number) {
  const id = `2405.${String(number).padStart(5, '0')}`;
  return {
    paper: {
      id,
      title: `Watched paper ${number}: routing experts`,
      summary: `We route tokens to experts in study ${number} and reach 80.1% accuracy on ImageNet.`,
      authors: [{ name: 'A. Author' }],
      publishedAt: '2024-05-06T00:00:00.000Z',
      upvotes: number,
    },
    title: `Watched paper ${number}: routing experts`,
    publishedAt: '2024-05-06T00:00:00.000Z',
  };
}

interface FakeSource {
  url: string;
  requests: Array<{ at: number; url: string }>;
  close(): Promise<void>;
}

/** A fake source over real HTTP: answers request n with `answers[n]` (the last one repeats). */
async function fakeSource(
  answers: Array<{ status: number; body: string; headers?: Record<string, string> }>,
): Promise<FakeSource> {
  const requests: FakeSource['requests'] = [];
  const server: Server = createServer((request, response) => {
    const answer = answers[Math.min(requests.length, answers.length - 1)] as (typeof answers)[number];
    requests.push({ at: Date.now(), url: request.url ?? '' });
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/daily_papers`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!redisUrl)(
  'watch: polling sources on a job scheduler (real Redis, fake source over HTTP)',
  () => {
    const bed = queueTestbed(redisUrl as string, 'watch');
    let source: FakeSource | undefined;

    afterEach(async () => {
      await bed.stopWorkers();
      await source?.close();
      source = undefined;
    });

    async function startPollWorker(endpoint: string, minIntervalMs: number) {
      await bed.startWorkers(['poll'], {
        pipeline: pipelineDeps(scriptedSummarizer(), bed.store),
        watch: {
          fetch: globalThis.fetch,
          endpoints: { 'hf-daily': endpoint, arxiv: endpoint },
          minIntervalMs: { 'hf-daily': minIntervalMs },
        },
      });
    }

    it('enqueues each paper once over two polls with overlapping papers', async () => {
      source = await fakeSource([
        { status: 200, body: JSON.stringify([1, 2, 3, 4].map(hfItem)) },
        { status: 200, body: JSON.stringify([3, 4, 5, 6, 7].map(hfItem)) },
      ]);
      await startPollWorker(source.url, 50);
      const watch = await upsertWatch(bed.open.queues.poll, { source: 'hf-daily' }, 400, jobOptions());
      await waitFor(
        'two completed polls',
        async () => (await countJobs(bed.open.queues.poll)).completed >= 2,
      );
      await removeWatch(bed.open.queues.poll, watch.id);

      const jobs = await bed.open.queues.summarize.getJobs([
        'waiting',
        'active',
        'completed',
        'delayed',
        'failed',
      ]);
      const paperIds = jobs.map((job) => (job.data as { id: string }).id).sort();
      expect(paperIds).toEqual([
        '2405.00001',
        '2405.00002',
        '2405.00003',
        '2405.00004',
        '2405.00005',
        '2405.00006',
        '2405.00007',
      ]);
      const polls = await bed.open.queues.poll.getCompleted();
      const results = polls.map((job) => job.returnvalue).sort((a, b) => a.fetched - b.fetched);
      expect(results.slice(0, 2)).toEqual([
        { fetched: 4, unseen: 4, enqueued: 4 },
        { fetched: 5, unseen: 3, enqueued: 3 },
      ]);
    });

    it('registers one scheduler per source and query, and removes it', async () => {
      const first = await upsertWatch(
        bed.open.queues.poll,
        { source: 'arxiv', query: 'cat:cs.CL' },
        3_600_000,
        jobOptions(),
      );
      const again = await upsertWatch(
        bed.open.queues.poll,
        { source: 'arxiv', query: 'cat:cs.CL' },
        7_200_000,
        jobOptions(),
      );
      await upsertWatch(bed.open.queues.poll, { source: 'hf-daily' }, 3_600_000, jobOptions());
      expect(again.id).toBe(first.id);
      const watches = await listWatches(bed.open.queues.poll);
      expect(watches).toHaveLength(2);
      expect(watches.find((watch) => watch.id === first.id)).toMatchObject({
        request: { source: 'arxiv', query: 'cat:cs.CL' },
        everyMs: 7_200_000,
      });
      expect(await removeWatch(bed.open.queues.poll, first.id)).toBe(true);
      expect(await listWatches(bed.open.queues.poll)).toHaveLength(1);
    });

    it("retries a poll after the source's Retry-After", async () => {
      source = await fakeSource([
        { status: 503, body: '{"error":"busy"}', headers: { 'retry-after': '1' } },
        { status: 200, body: JSON.stringify([hfItem(9)]) },
      ]);
      await startPollWorker(source.url, 10);
      await bed.open.queues.poll.add(
        'poll',
        { source: 'hf-daily' },
        { jobId: 'watch-once', ...jobOptions() },
      );
      await waitFor(
        'the poll to complete',
        async () => (await countJobs(bed.open.queues.poll)).completed === 1,
      );
      const [first, second] = source.requests;
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
      expect(await bed.open.queues.summarize.getJobCounts('waiting')).toEqual({ waiting: 1 });
    });

    it('keeps requests to one source apart by the interval, across connections (workers)', async () => {
      const key = `${bed.prefix}:poll-gate:arxiv`;
      const [one, two] = [new Redis(bed.url), new Redis(bed.url)];
      try {
        const times = await Promise.all(
          [one, two, one].map(async (redis) => {
            await waitForRequestSlot(redis, key, 300);
            return Date.now();
          }),
        );
        times.sort((a, b) => a - b);
        expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(290);
        expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(290);
      } finally {
        one.disconnect();
        two.disconnect();
      }
    });
  },
);
