import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, PaperbriefError, ProviderError } from '../../src/errors.js';
import { createMetrics, publishedMetricsKey, readPublishedMetrics } from '../../src/metrics/index.js';
import type { Paper } from '../../src/papers/paper.js';
import {
  countJobs,
  enqueuePapers,
  jobOptions,
  listFailedJobs,
  retryFailedJobs,
  summarizeJobId,
  type RunningWorkers,
  type WorkerDeps,
} from '../../src/queue/index.js';
import { briefKeyFor } from '../../src/pipeline.js';
import { testRedisUrl } from '../support/redis.js';
import {
  capturingLogger,
  makePapers,
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  queueTestbed,
  waitFor,
  type Behaviour,
} from './queue-test-kit.js';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('queue workers (in process, real Redis)', () => {
  const bed = queueTestbed(redisUrl as string, 'workers');
  let running: RunningWorkers | undefined;

  async function run(
    behaviour: Behaviour,
    papers: Paper[],
    overrides: Partial<WorkerDeps> = {},
    settings = {},
  ) {
    const summarizer = scriptedSummarizer(behaviour);
    const deps = {
      pipeline: pipelineDeps(summarizer, bed.store, overrides.logger ?? silentLogger),
      ...overrides,
    };
    const enqueue = {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: summarizer,
      jobOptions: jobOptions({ attempts: 3 }),
    };
    const result = await enqueuePapers(papers, enqueue);
    running = await bed.startWorkers(['summarize', 'deliver'], deps, settings);
    return { summarizer, enqueue, result };
  }

  const settled = async (total: number) => {
    const counts = await countJobs(bed.open.queues.summarize);
    return counts.completed + counts.failed === total ? counts : undefined;
  };

  it('briefs every paper once and counts papers already known on the next enqueue', async () => {
    const papers = makePapers(30);
    const { summarizer, enqueue, result } = await run(() => {}, [...papers, papers[0] as Paper]);
    expect(result).toEqual({ enqueued: 30, known: 1 });
    const counts = (await waitFor('30 completed jobs', () => settled(30)))!;
    expect(counts.failed).toBe(0);
    expect(await bed.store.count()).toBe(30);
    expect(summarizer.calls).toHaveLength(30);

    // Known twice over: the completed job exists, and the brief is stored.
    expect(await enqueuePapers(papers, enqueue)).toEqual({ enqueued: 0, known: 30 });
    await bed.open.queues.summarize.clean(0, 1000, 'completed');
    expect(await enqueuePapers(papers, enqueue)).toEqual({ enqueued: 0, known: 30 });
    expect(summarizer.calls).toHaveLength(30);
  });

  it('fails a non-retryable error at once, with its reason, and retries it on request', async () => {
    let refuse = true;
    const papers = makePapers(3);
    await run((paper) => {
      if (refuse && paper.id === '2401.00002') {
        throw new ProviderError('invalid_request', 'HTTP 400: context length exceeded', { status: 400 });
      }
    }, papers);
    await waitFor('3 settled jobs', () => settled(3));
    const failed = await listFailedJobs(bed.open.queues.summarize, 'summarize');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      paperId: '2401.00002',
      reason: 'invalid_request: HTTP 400: context length exceeded',
      attempts: 1,
    });

    refuse = false;
    const id = failed[0]?.id as string;
    expect(await retryFailedJobs(bed.open.queues.summarize, [id, 'no-such-job'])).toEqual({
      retried: [id],
      notFailed: ['no-such-job'],
    });
    await waitFor(
      'the retried job to complete',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 3,
    );
    expect(await bed.store.count()).toBe(3);
  });

  it('retries a retryable error after the wait the server asked for', async () => {
    const startedAt: number[] = [];
    await run(() => {
      startedAt.push(Date.now());
      if (startedAt.length === 1) {
        throw new ProviderError('server_error', 'HTTP 503', {
          status: 503,
          retryable: true,
          retryAfterMs: 400,
        });
      }
    }, makePapers(1));
    await waitFor(
      'the job to complete',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 1,
    );
    expect(startedAt).toHaveLength(2);
    expect((startedAt[1] as number) - (startedAt[0] as number)).toBeGreaterThanOrEqual(390);
    const [job] = await bed.open.queues.summarize.getCompleted();
    expect(job?.attemptsMade).toBe(2);
  });

  it('fails unknown errors without retrying and names invalid job data', async () => {
    await run(() => {
      throw new TypeError('cannot read properties of undefined');
    }, makePapers(1));
    await bed.open.queues.summarize.add(
      'summarize',
      { id: 'x', title: 42 },
      { jobId: 'bad-data', ...jobOptions() },
    );
    await waitFor('2 failed jobs', async () => (await countJobs(bed.open.queues.summarize)).failed === 2);
    const failed = await listFailedJobs(bed.open.queues.summarize, 'summarize');
    const reasons = Object.fromEntries(failed.map((job) => [job.id, job]));
    expect(reasons['bad-data']?.reason).toMatch(/^invalid_job_data: .*title/);
    expect(reasons['bad-data']?.paperId).toBeUndefined();
    expect(Object.values(reasons).find((job) => job.paperId === '2401.00001')).toMatchObject({
      reason: 'cannot read properties of undefined',
      attempts: 1,
    });
  });

  it('pauses the whole queue on a 429 and resumes after Retry-After, using no attempt', async () => {
    const startedAt: number[] = [];
    let rateLimitedAt = 0;
    const { logger, lines } = capturingLogger();
    await run(
      () => {
        startedAt.push(Date.now());
        if (startedAt.length === 2) {
          rateLimitedAt = Date.now();
          throw new ProviderError('rate_limited', 'HTTP 429', {
            status: 429,
            retryable: true,
            retryAfterMs: 1000,
          });
        }
      },
      makePapers(6),
      { logger },
      { concurrency: 1 },
    );
    await waitFor(
      '6 completed jobs',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 6,
    );
    // Concurrency 1: the next call after the 429 starts only when the pause is over.
    const next = startedAt.find((time) => time > rateLimitedAt) as number;
    expect(next - rateLimitedAt).toBeGreaterThanOrEqual(950);
    const jobs = await bed.open.queues.summarize.getCompleted();
    expect(jobs.every((job) => job.attemptsMade === 1)).toBe(true);
    expect(
      lines.some((line) => line.msg === 'rate limited: pausing the queue' && line.pauseMs === 1000),
    ).toBe(true);
    expect(await bed.store.count()).toBe(6);
  });

  it('fails a job rate-limited more often than maxStartedAttempts allows', async () => {
    await run(
      () => {
        throw new ProviderError('rate_limited', 'HTTP 429', {
          status: 429,
          retryable: true,
          retryAfterMs: 10,
        });
      },
      makePapers(1),
      {},
      { attempts: 1, rateLimitRetries: 2 },
    );
    await waitFor('the job to fail', async () => (await countJobs(bed.open.queues.summarize)).failed === 1);
    const [failed] = await listFailedJobs(bed.open.queues.summarize, 'summarize');
    expect(failed?.reason).toMatch(/started more than allowable limit/);
  });

  it('hands jobs in flight back to the queue when the shutdown timeout ends', async () => {
    const hanging: Behaviour = (_paper, _call, signal) =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    await run(hanging, makePapers(2), {}, { concurrency: 2, shutdownTimeoutMs: 200 });
    await waitFor('2 active jobs', async () => (await countJobs(bed.open.queues.summarize)).active === 2);
    await bed.stopWorkers();
    const counts = await countJobs(bed.open.queues.summarize);
    expect(counts).toMatchObject({ active: 0, waiting: 2, failed: 0 });
    const waiting = await bed.open.queues.summarize.getWaiting();
    expect(waiting.map((job) => job.attemptsMade)).toEqual([0, 0]);
  });

  it('adds one deliver job per destination and hands each stored brief over once', async () => {
    const delivered: string[] = [];
    const papers = makePapers(4);
    await run(() => {}, papers, {
      delivery: {
        destinationsFor: (brief) => (brief.paper.id === '2401.00004' ? [] : ['alpha', 'beta']),
        deliver: async (brief, destination) => {
          delivered.push(`${brief.paper.id}>${destination}`);
        },
        attempts: 3,
        retryDelayMs: () => 10,
      },
    });
    await waitFor('6 deliveries', async () => (await countJobs(bed.open.queues.deliver)).completed === 6);
    expect(delivered.sort()).toEqual(
      ['2401.00001', '2401.00002', '2401.00003'].flatMap((id) => [`${id}>alpha`, `${id}>beta`]),
    );
  });

  it('retries a failed delivery on the delivery schedule and fails it when refused', async () => {
    const attempts: Record<string, number> = {};
    await run(() => {}, makePapers(2), {
      delivery: {
        destinationsFor: () => ['hook'],
        deliver: async (brief) => {
          attempts[brief.paper.id] = (attempts[brief.paper.id] ?? 0) + 1;
          if (brief.paper.id === '2401.00002') {
            throw new PaperbriefError('webhook_refused', 'address 10.0.0.5 is private');
          }
          if (attempts[brief.paper.id] === 1) {
            throw new PaperbriefError('webhook_failed', 'HTTP 500', { retryable: true });
          }
        },
        attempts: 3,
        retryDelayMs: () => 50,
      },
    });
    await waitFor('deliveries settled', async () => {
      const counts = await countJobs(bed.open.queues.deliver);
      return counts.completed === 1 && counts.failed === 1;
    });
    expect(attempts).toEqual({ '2401.00001': 2, '2401.00002': 1 });
    const [failed] = await listFailedJobs(bed.open.queues.deliver, 'deliver');
    expect(failed).toMatchObject({
      paperId: '2401.00002',
      reason: 'webhook_refused: address 10.0.0.5 is private',
    });
  });

  it('counts papers briefed and failed, and publishes the counts to Redis for /metrics', async () => {
    const metrics = createMetrics();
    await run(
      (paper) => {
        if (paper.id === '2401.00003')
          throw new ProviderError('invalid_request', 'HTTP 400', { status: 400 });
      },
      makePapers(3),
      { metrics },
    );
    await waitFor('3 settled jobs', () => settled(3));
    await bed.stopWorkers(); // publishes a last snapshot

    const briefed = await metrics.papersBriefed.get();
    expect(briefed.values.map((value) => [value.labels.status, value.value])).toEqual([['briefed', 2]]);
    const failed = await metrics.papersFailed.get();
    expect(failed.values.map((value) => [value.labels.reason, value.value])).toEqual([
      ['invalid_request', 1],
    ]);

    const redis = new Redis(bed.url);
    try {
      const snapshots = await readPublishedMetrics(redis, publishedMetricsKey(bed.prefix), 60_000);
      expect(snapshots).toHaveLength(1);
      const published = snapshots[0]?.find((metric) => metric.name === 'paperbrief_papers_briefed_total');
      expect(published?.values.map((value) => value.value)).toEqual([2]);
    } finally {
      redis.disconnect();
    }
  });

  it('hands jobs back and stops taking new ones once the budget is spent', async () => {
    await run(
      (_paper, call) => {
        if (call > 2) throw new BudgetExceededError('budget of $0.01 spent');
      },
      makePapers(6),
      {},
      { concurrency: 1 },
    );
    await waitFor('the worker to pause', () => running?.workers[0]?.isPaused());
    const counts = await countJobs(bed.open.queues.summarize);
    expect(counts).toMatchObject({ completed: 2, failed: 0, active: 0, waiting: 4 });
    const waiting = await bed.open.queues.summarize.getWaiting();
    expect(waiting.every((job) => job.attemptsMade === 0)).toBe(true);
  });

  it('uses deterministic job ids BullMQ accepts', () => {
    const key = briefKeyFor({ id: '2401.00001' }, scriptedSummarizer());
    expect(summarizeJobId(key)).toBe(summarizeJobId({ ...key }));
    expect(summarizeJobId(key)).not.toBe(summarizeJobId({ ...key, promptVersion: 'v2' }));
    const odd = summarizeJobId({ ...key, paperId: 'cs/0112017:v1 weird' });
    expect(odd).not.toMatch(/:/);
    expect(odd).toMatch(/^s-cs_0112017_v1_weird-[0-9a-f]{20}$/);
  });
});
