import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { RetentionOptions } from './job-options.js';

/**
 * Restarts a job may have beyond its attempts because of 429s (each hands the job back without
 * using an attempt); past `attempts + RATE_LIMIT_RETRIES` starts BullMQ fails it.
 */
export const RATE_LIMIT_RETRIES = 20;

/** How workers run; from Config (environment and flags). Durations in milliseconds. */
export interface WorkerSettings extends Required<RetentionOptions> {
  redisUrl: string;
  /** Key prefix of every queue (PAPERBRIEF_QUEUE_PREFIX). */
  prefix: string;
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
}

/**
 * The worker settings of a Config.
 * @throws ConfigError when REDIS_URL is unset (distributed mode needs Redis).
 */
export function workerSettings(config: Config): WorkerSettings {
  return {
    redisUrl: requireRedisUrl(config),
    prefix: config.PAPERBRIEF_QUEUE_PREFIX,
    concurrency: config.PAPERBRIEF_CONCURRENCY,
    rpm: config.PAPERBRIEF_RPM === undefined ? undefined : Math.max(1, Math.floor(config.PAPERBRIEF_RPM)),
    attempts: config.PAPERBRIEF_JOB_ATTEMPTS,
    rateLimitRetries: RATE_LIMIT_RETRIES,
    keepCompleted: config.PAPERBRIEF_KEEP_COMPLETED,
    keepFailed: config.PAPERBRIEF_KEEP_FAILED,
    lockDurationMs: config.PAPERBRIEF_LOCK_DURATION_MS,
    stalledIntervalMs: config.PAPERBRIEF_STALLED_INTERVAL_MS,
    shutdownTimeoutMs: config.PAPERBRIEF_SHUTDOWN_TIMEOUT_MS,
  };
}

/**
 * REDIS_URL, which every queue command needs.
 * @throws ConfigError saying so when it is unset.
 */
export function requireRedisUrl(config: Config): string {
  if (config.REDIS_URL === undefined) {
    throw new ConfigError('distributed mode needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379)');
  }
  return config.REDIS_URL;
}
