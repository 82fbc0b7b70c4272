import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { RATE_LIMIT_RETRIES, type WorkerSettings } from '../queue/worker-settings.js';

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
