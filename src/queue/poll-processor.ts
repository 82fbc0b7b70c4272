import type { Job } from 'bullmq';
import { describeError } from '../errors.js';
import { pollOnce, type PollDeps, type PollResult } from '../polling/poll-once.js';
import { PollRequestSchema } from '../polling/watch-source.js';
import { toJobError } from './job-failure.js';
import { parseJobData } from './parse-job-data.js';

export type { PollDeps };

/**
 * The `poll` processor (jobs made by `watch` schedulers): parses the request, polls the source
 * once, maps errors like the other processors (a source's 429/5xx is retried after its
 * Retry-After; a rejected request fails with the reason).
 */
export function createPollProcessor(deps: PollDeps) {
  return async (job: Job<unknown, PollResult>, _token?: string, signal?: AbortSignal) => {
    const request = parseJobData(PollRequestSchema, job.data, "the job's poll request");
    const logger = deps.logger.child({
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      source: request.source,
    });
    try {
      return await pollOnce(request, { ...deps, logger }, signal);
    } catch (error) {
      logger.warn({ reason: describeError(error) }, 'poll failed');
      throw toJobError(error);
    }
  };
}
