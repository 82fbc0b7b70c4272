import type { DefaultJobOptions, KeepJobs } from 'bullmq';

/** Name of the custom backoff strategy every worker registers (see job-failure.ts). */
export const BACKOFF_TYPE = 'paperbrief';

export interface JobRetryOptions {
  /** Total attempts per job, the first included; retryable errors use them up. @default 5 */
  attempts?: number;
}

/**
 * Options every summarize, deliver and poll job is added with: attempts and the custom backoff
 * (which reads the error: the server's Retry-After, else exponential with jitter).
 */
export function jobOptions(options: JobRetryOptions = {}): DefaultJobOptions {
  return { attempts: options.attempts ?? 5, backoff: { type: BACKOFF_TYPE } };
}

export interface RetentionOptions {
  /** Completed jobs kept per queue (the newest). @default 1000 */
  keepCompleted?: number;
  /** Failed jobs kept per queue (the newest), for `paperbrief jobs failed` and `jobs retry`. @default 10000 */
  keepFailed?: number;
}

/** Worker-side retention: BullMQ trims finished jobs beyond these counts as new ones finish. */
export function retention(options: RetentionOptions = {}): {
  removeOnComplete: KeepJobs;
  removeOnFail: KeepJobs;
} {
  return {
    removeOnComplete: { count: options.keepCompleted ?? 1000 },
    removeOnFail: { count: options.keepFailed ?? 10_000 },
  };
}
