import type { RetentionOptions } from './job-options.js';
import type { RedisConnectionSettings } from './redis-connection.js';

/**
 * Restarts a job may have beyond its attempts because of 429s (each hands the job back without
 * using an attempt); past `attempts + RATE_LIMIT_RETRIES` starts BullMQ fails it.
 */
export const RATE_LIMIT_RETRIES = 20;

/** Where the queues are: the Redis connection and the key prefix of every queue. */
export interface QueueConnectionSettings extends RedisConnectionSettings {
  /** Key prefix of every queue and of paperbrief's own keys (PAPERBRIEF_QUEUE_PREFIX). */
  prefix: string;
}

/** How workers run (built from Config by src/compose/worker-settings.ts). Durations in milliseconds. */
export interface WorkerSettings extends Required<RetentionOptions>, QueueConnectionSettings {
  /** Jobs one worker process runs at once, per queue. */
  concurrency: number;
  /** Summarize jobs started per minute across all workers (the LLM's RPM); undefined: no limit. */
  rpm: number | undefined;
  /** Attempts per job, the first included (used when adding jobs). */
  attempts: number;
  /** Restarts allowed beyond `attempts` for rate-limited jobs (`maxStartedAttempts`). */
  rateLimitRetries: number;
  /** How long a job's lock lasts without renewal; a killed worker's jobs return after it. */
  lockDurationMs: number;
  /** How often workers look for stalled jobs. */
  stalledIntervalMs: number;
  /** How long a shutdown waits for jobs in flight before handing them back. */
  shutdownTimeoutMs: number;
  /** LLM connection failures in a row that pause a worker's intake. @default 5 */
  maxConnectionFailures?: number | undefined;
  /** First wait before a paused intake tries again (doubles up to 5 minutes). @default 5000 */
  intakeRetryMs?: number | undefined;
}
