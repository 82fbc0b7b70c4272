import type { Job, JobType, Queue } from 'bullmq';
import { PaperSchema } from '../papers/paper.js';
import { DeliverJobDataSchema } from './deliver-processor.js';
import type { QueueName } from './queue-names.js';

/** The job states `jobs status` counts, in the order it prints them. */
export const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'paused',
  'completed',
  'failed',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export type QueueCounts = Record<JobState, number>;

/** Jobs per state of one queue. */
export async function countJobs(queue: Queue): Promise<QueueCounts> {
  const counts = await queue.getJobCounts(...(JOB_STATES as unknown as JobType[]));
  return Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as QueueCounts;
}

export interface FailedJob {
  queue: QueueName;
  id: string;
  /** The paper the job was about, when its data says (summarize, deliver). */
  paperId: string | undefined;
  /** Why it failed: `code: message` of the last error. */
  reason: string;
  /** Attempts used (rate-limited restarts not counted). */
  attempts: number;
  failedAt: string | undefined;
}

/** Failed jobs of a queue, newest first, at most `limit`. */
export async function listFailedJobs(queue: Queue, name: QueueName, limit = 100): Promise<FailedJob[]> {
  const jobs = await queue.getFailed(0, limit - 1);
  return jobs
    .filter((job): job is Job => job !== undefined && job !== null)
    .map((job) => ({
      queue: name,
      id: job.id ?? '',
      paperId: paperIdOf(job.data),
      reason: job.failedReason,
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    }));
}

function paperIdOf(data: unknown): string | undefined {
  const paper = PaperSchema.safeParse(data);
  if (paper.success) return paper.data.id;
  const delivery = DeliverJobDataSchema.safeParse(data);
  return delivery.success ? delivery.data.key.paperId : undefined;
}

/**
 * Moves every job failed until now back to waiting, with fresh attempts (jobs failing again
 * meanwhile are left for the next call). Returns how many were failed before.
 */
export async function retryAllFailedJobs(queue: Queue): Promise<number> {
  const failed = await queue.getFailedCount();
  if (failed > 0) await queue.retryJobs({ state: 'failed', count: 1000, timestamp: Date.now() });
  return failed;
}

/**
 * Moves the given failed jobs back to waiting, with fresh attempts. Ids that are not failed jobs
 * of this queue are returned in `notFailed`.
 */
export async function retryFailedJobs(
  queue: Queue,
  ids: readonly string[],
): Promise<{ retried: string[]; notFailed: string[] }> {
  const retried: string[] = [];
  const notFailed: string[] = [];
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (job && (await job.isFailed())) {
      await job.retry('failed');
      retried.push(id);
    } else {
      notFailed.push(id);
    }
  }
  return { retried, notFailed };
}
