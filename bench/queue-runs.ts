import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Paper } from '../src/papers/paper.js';
import type { PipelineDeps } from '../src/pipeline.js';
import {
  enqueuePapers,
  jobOptions,
  openQueues,
  startWorkers,
  type RunningWorkers,
  type WorkerSettings,
} from '../src/queue/index.js';

/** Poll jobs never run here (only the summarize queue starts); loopback keeps any stray fetch local. */
export const NO_SOURCES = { 'hf-daily': 'http://127.0.0.1:9/', arxiv: 'http://127.0.0.1:9/' };

/** How long one queued run may take before the bench gives up on it, in milliseconds. */
const RUN_DEADLINE_MS = 180_000;

export interface QueueRunResult {
  /** From the first enqueue call to the last job finished, in milliseconds. */
  readonly elapsedMs: number;
  readonly completed: number;
  readonly failed: number;
  /** Jobs finished per second (completed + failed). */
  readonly jobsPerSecond: number;
  /** User + system CPU of this process (producer and worker; Redis is another process) per job. */
  readonly cpuMsPerJob: number;
}

export interface QueueRunOptions {
  redisUrl: string;
  /** Key prefix of the run's queues: unique per run, deleted by `deleteKeysWithPrefix` afterwards. */
  prefix: string;
  concurrency: number;
  /** The job data (one job per paper). */
  papers: readonly Paper[];
}

/**
 * Resolves once `worker` has finished `count` jobs (completed or failed).
 * @throws Error when they do not finish within the run deadline.
 */
function finished(worker: Worker, count: number): Promise<{ completed: number; failed: number }> {
  return new Promise((resolve, reject) => {
    let completed = 0;
    let failed = 0;
    const timer = setTimeout(
      () =>
        reject(new Error(`only ${completed + failed} of ${count} jobs finished in ${RUN_DEADLINE_MS} ms`)),
      RUN_DEADLINE_MS,
    );
    const check = () => {
      if (completed + failed < count) return;
      clearTimeout(timer);
      resolve({ completed, failed });
    };
    worker.on('completed', () => {
      completed++;
      check();
    });
    worker.on('failed', () => {
      failed++;
      check();
    });
  });
}

function result(
  startedAt: number,
  cpuBefore: NodeJS.CpuUsage,
  counts: { completed: number; failed: number },
): QueueRunResult {
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const jobs = counts.completed + counts.failed;
  return {
    elapsedMs,
    ...counts,
    jobsPerSecond: (jobs * 1000) / elapsedMs,
    cpuMsPerJob: (cpu.user + cpu.system) / 1000 / Math.max(1, jobs),
  };
}

/**
 * The B1 baseline: plain BullMQ, no paperbrief code. One Worker with a no-op processor and
 * BullMQ's default options at `concurrency`; the same papers added with `addBulk` in chunks
 * of 500 (as `enqueuePapers` does), timed from the first add to the last completion.
 * @throws when Redis cannot be reached or the jobs miss the deadline.
 */
export async function runRawBullmq(options: QueueRunOptions): Promise<QueueRunResult> {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('raw', { connection, prefix: options.prefix });
  const worker = new Worker('raw', async () => undefined, {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });
  try {
    await worker.waitUntilReady();
    const done = finished(worker, options.papers.length);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    for (let start = 0; start < options.papers.length; start += 500) {
      await queue.addBulk(
        options.papers.slice(start, start + 500).map((paper) => ({ name: 'raw', data: paper })),
      );
    }
    return result(startedAt, cpuBefore, await done);
  } finally {
    await worker.close();
    await queue.close();
    await connection.quit();
  }
}

export interface PipelineRunOptions extends QueueRunOptions {
  pipeline: PipelineDeps;
  logger: Logger;
}

/** Worker settings as `paperbrief worker` has them by default, at the run's concurrency. */
export function benchWorkerSettings(
  options: Pick<QueueRunOptions, 'redisUrl' | 'prefix' | 'concurrency'>,
): WorkerSettings {
  return {
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    concurrency: options.concurrency,
    rpm: undefined,
    attempts: 5,
    rateLimitRetries: 20,
    keepCompleted: 1000,
    keepFailed: 10_000,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    shutdownTimeoutMs: 30_000,
  };
}

/**
 * The whole queued pipeline as production runs it: `startWorkers` (the summarize worker with
 * the house settings) and `enqueuePapers` on an `openQueues` producer (store check, job-exists
 * check, deterministic ids, addBulk), timed from the first enqueue to the last job finished.
 * @throws when Redis cannot be reached or the jobs miss the deadline.
 */
export async function runQueuedPipeline(options: PipelineRunOptions): Promise<QueueRunResult> {
  const running: RunningWorkers = await startWorkers(
    ['summarize'],
    {
      pipeline: options.pipeline,
      watch: { fetch: globalThis.fetch, endpoints: NO_SOURCES },
      logger: options.logger,
    },
    benchWorkerSettings(options),
  );
  const producer = await openQueues({ redisUrl: options.redisUrl, prefix: options.prefix });
  try {
    const done = finished(running.workers[0]!, options.papers.length);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    await enqueuePapers(options.papers, {
      queue: producer.queues.summarize,
      store: options.pipeline.store,
      identity: options.pipeline.summarizer,
      jobOptions: jobOptions({ attempts: 5 }),
    });
    return result(startedAt, cpuBefore, await done);
  } finally {
    await running.close();
    await producer.close();
  }
}
