import type { Job } from 'bullmq';
import { describeError } from '../errors.js';
import { watchOnce, type WatchDeps, type WatchResult } from '../watch/watch-once.js';
import { WatchRequestSchema } from '../watch/watch-source.js';
import { toJobError } from './job-failure.js';
import { parseJobData } from './parse-job-data.js';

export type { WatchDeps };

/**
 * The `poll` processor (jobs made by `watch` schedulers): parses the request, polls the source
 * once, maps errors like the other processors (a source's 429/5xx is retried after its
 * Retry-After; a rejected request fails with the reason).
 */
export function createWatchProcessor(deps: WatchDeps) {
  return async (job: Job<unknown, WatchResult>, _token?: string, signal?: AbortSignal) => {
    const request = parseJobData(WatchRequestSchema, job.data, "the job's poll request");
    const logger = deps.logger.child({
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      source: request.source,
    });
    try {
      return await watchOnce(request, { ...deps, logger }, signal);
    } catch (error) {
      logger.warn({ reason: describeError(error) }, 'poll failed');
      throw toJobError(error);
    }
  };
}
