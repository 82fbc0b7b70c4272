import { describe, expect, it } from 'vitest';
import { ProviderError, StoreError } from '../../src/errors.js';
import { createMetrics } from '../../src/metrics/index.js';
import { countJobs, enqueuePapers, jobOptions, type RunningWorkers } from '../../src/queue/index.js';
import { testRedisUrl } from '../support/redis.js';
import {
  capturingLogger,
  makePapers,
  pipelineDeps,
  queueTestbed,
  scriptedSummarizer,
  waitFor,
  type Behaviour,
} from './queue-test-kit.js';

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('workers on systemic failures', () => {
  const bed = queueTestbed(redisUrl as string, 'systemic');
  let running: RunningWorkers | undefined;

  async function run(behaviour: Behaviour, count: number, settings = {}) {
    const summarizer = scriptedSummarizer(behaviour);
    const { logger, lines } = capturingLogger();
    const metrics = createMetrics();
    const pipeline = pipelineDeps(summarizer, bed.store, logger);
    await enqueuePapers(makePapers(count), {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: summarizer,
      jobOptions: jobOptions({ attempts: 3 }),
    });
    running = await bed.startWorkers(['summarize'], { pipeline, logger, metrics }, settings);
    return { summarizer, lines, metrics };
  }
  /** The test bed's store on a full disk: puts fail until `makeRoom`; the probe as told. */
  function fullDisk(options: { probePasses: boolean }) {
    let full = true;
    const realPut = bed.store.put.bind(bed.store);
    const store = Object.assign(Object.create(bed.store) as typeof bed.store, {
      put: async (...args: Parameters<typeof realPut>) => {
        if (full)
          throw new StoreError('store_unwritable', 'database or disk is full (SQLITE_FULL)', {
            retryable: true,
          });
        return realPut(...args);
      },
      checkWritable: async () => {
        if (full && !options.probePasses)
          throw new StoreError('store_unwritable', 'still full', { retryable: true });
      },
    });
    const makeRoom = () => {
      full = false;
    };
    return { store, makeRoom };
  }
  const pausedGauge = async (metrics: ReturnType<typeof createMetrics>) =>
    (await metrics.workerPaused.get()).values.map((value) => [value.labels.reason, value.value]);

  it('pauses intake on a refused key, hands jobs back without using attempts, and says so once', async () => {
    let refuse = true;
    const { summarizer, lines, metrics } = await run(
      () => {
        if (refuse) throw new ProviderError('unauthorized', 'LLM server answered 401', { status: 401 });
      },
      10,
      { concurrency: 2, intakeRetryMs: 400 },
    );
    await waitFor('the worker to pause', () => running?.workers[0]?.isPaused());
    const callsAtPause = summarizer.calls.length;
    expect(callsAtPause).toBeLessThanOrEqual(2);
    const counts = await countJobs(bed.open.queues.summarize);
    expect(counts.failed).toBe(0);
    const waiting = await bed.open.queues.summarize.getWaiting();
    expect(waiting.every((job) => job.attemptsMade === 0)).toBe(true);
    expect(await pausedGauge(metrics)).toEqual([['provider_config', 1]]);
    const paused = lines.filter((line) => line.msg === 'systemic failure: intake paused');
    expect(paused).toHaveLength(1);
    expect(String(paused[0]?.reason)).toContain('OPENAI_API_KEY');

    refuse = false; // the operator fixed the key: the next try goes through
    await waitFor(
      '10 completed jobs',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 10,
    );
    expect(await pausedGauge(metrics)).toEqual([['provider_config', 0]]);
    expect(await bed.store.count()).toBe(10);
  });

  it('pauses after N connection failures in a row instead of burning attempts', async () => {
    const { summarizer } = await run(
      () => {
        throw new ProviderError('connection_failed', 'cannot reach the LLM server', { retryable: true });
      },
      20,
      { concurrency: 1, maxConnectionFailures: 3, intakeRetryMs: 60_000 },
    );
    await waitFor('the worker to pause', () => running?.workers[0]?.isPaused());
    // Attempts 1-2 failed and were retried with backoff, the third in a row paused intake.
    expect(summarizer.calls.length).toBe(3);
    expect((await countJobs(bed.open.queues.summarize)).failed).toBe(0);
  });

  it('keeps a job whose brief cannot be stored, and stores it once the store writes again', async () => {
    const disk = fullDisk({ probePasses: false });
    const store = disk.store;
    const summarizer = scriptedSummarizer(() => {});
    const { logger } = capturingLogger();
    const metrics = createMetrics();
    await enqueuePapers(makePapers(5), {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: summarizer,
      jobOptions: jobOptions({ attempts: 3 }),
    });
    running = await bed.startWorkers(
      ['summarize'],
      { pipeline: pipelineDeps(summarizer, store, logger), logger, metrics },
      { concurrency: 1, intakeRetryMs: 200 },
    );
    await waitFor('the worker to pause', () => running?.workers[0]?.isPaused());
    expect(await pausedGauge(metrics)).toEqual([['store_unwritable', 1]]);
    const callsWhileFull = summarizer.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 600)); // probes fail: no job is taken
    expect(summarizer.calls.length).toBe(callsWhileFull);
    disk.makeRoom();
    await waitFor(
      '5 completed jobs',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 5,
    );
    expect(await bed.store.count()).toBe(5);
    expect((await countJobs(bed.open.queues.summarize)).failed).toBe(0);
  });
  it('resumes with one trial job when the probe passes but briefs still do not fit', async () => {
    // A disk with room for the probe but not for a brief: the probe passes, puts fail.
    const disk = fullDisk({ probePasses: true });
    const store = disk.store;
    const summarizer = scriptedSummarizer(() => {});
    const { logger, lines } = capturingLogger();
    await enqueuePapers(makePapers(12), {
      queue: bed.open.queues.summarize,
      store: bed.store,
      identity: summarizer,
      jobOptions: jobOptions({ attempts: 3 }),
    });
    running = await bed.startWorkers(
      ['summarize'],
      { pipeline: pipelineDeps(summarizer, store, logger), logger },
      { concurrency: 4, intakeRetryMs: 100 },
    );
    await waitFor(
      'three pauses',
      () => lines.filter((line) => line.msg === 'systemic failure: intake paused').length >= 3,
    );
    const pauses = lines.filter((line) => line.msg === 'systemic failure: intake paused').length;
    const trials = lines.filter((line) => line.msg === 'intake resumed').length;
    // The first pause may cost every job slot; each resume after it costs one trial call.
    expect(summarizer.calls.length).toBeLessThanOrEqual(4 + trials);
    expect(trials).toBeGreaterThanOrEqual(pauses - 1);
    expect(running?.workers[0]?.concurrency).toBe(1);

    disk.makeRoom();
    await waitFor(
      '12 completed jobs',
      async () => (await countJobs(bed.open.queues.summarize)).completed === 12,
    );
    expect(running?.workers[0]?.concurrency).toBe(4);
    expect(lines.some((line) => line.msg === 'trial job went through: full intake')).toBe(true);
    expect((await countJobs(bed.open.queues.summarize)).failed).toBe(0);
  });
});
