import type { Config } from '../config.js';
import { RATE_LIMIT_RETRIES, type WorkerSettings } from '../queue/worker-settings.js';
import { queueConnection } from './redis-settings.js';

/**
 * The worker settings of a Config.
 * @throws ConfigError when Redis is not configured, or misconfigured (see `queueConnection`).
 */
export function workerSettings(config: Config): WorkerSettings {
  return {
    ...queueConnection(config),
    // An LLM server profile's lower default applies to the summarizer's own call limit.
    concurrency: config.PAPERBRIEF_CONCURRENCY ?? 4,
    rpm: config.PAPERBRIEF_RPM === undefined ? undefined : Math.max(1, Math.floor(config.PAPERBRIEF_RPM)),
    attempts: config.PAPERBRIEF_JOB_ATTEMPTS,
    rateLimitRetries: RATE_LIMIT_RETRIES,
    keepCompleted: config.PAPERBRIEF_KEEP_COMPLETED,
    keepFailed: config.PAPERBRIEF_KEEP_FAILED,
    lockDurationMs: config.PAPERBRIEF_LOCK_DURATION_MS,
    stalledIntervalMs: config.PAPERBRIEF_STALLED_INTERVAL_MS,
    shutdownTimeoutMs: config.PAPERBRIEF_SHUTDOWN_TIMEOUT_MS,
    maxConnectionFailures: config.PAPERBRIEF_MAX_CONNECTION_FAILURES,
    intakeRetryMs: config.PAPERBRIEF_INTAKE_RETRY_MS,
  };
}
