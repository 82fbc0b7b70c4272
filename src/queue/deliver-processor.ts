import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Brief } from '../briefs/brief.js';
import type { Store } from '../stores/store.js';
import { toJobError } from './job-failure.js';
import { parseJobData } from './parse-job-data.js';

/** A deliver job: which stored brief goes to which destination (an endpoint id). */
export const DeliverJobDataSchema = z.object({
  key: z.object({
    paperId: z.string().min(1),
    provider: z.string().min(1),
    model: z.string().min(1),
    promptVersion: z.string().min(1),
  }),
  destination: z.string().min(1),
});
export type DeliverJobData = z.infer<typeof DeliverJobDataSchema>;

/**
 * THE HAND-OFF POINT to the delivery library (src/delivery/): sends one stored brief to one
 * destination, once. Resolves when it was delivered (or needs no delivery); throws a
 * PaperbriefError otherwise: retryable, with `retryAfterMs` set to the webhook retry schedule's
 * next wait, or not retryable (endpoint gone, address refused). BullMQ owns the retries.
 * Resolves with `skipped` when the destination is disabled and nothing was sent.
 */
export type DeliverBrief = (
  brief: Brief,
  destination: string,
  context: { attemptsMade: number; signal?: AbortSignal | undefined; logger: Logger },
) => Promise<'delivered' | 'skipped' | void>;

/**
 * Everything distributed mode needs from the delivery library, built from its settings
 * (see webhook-hand-off.ts): which destinations want a brief, how to send it, and how the deliver
 * queue retries (the webhook schedule, not the LLM backoff).
 */
export interface DeliveryHandOff {
  /** Endpoint ids that want this brief (tag filters applied). */
  destinationsFor(brief: Brief): readonly string[];
  deliver: DeliverBrief;
  /** Attempts of a deliver job, the first included. */
  attempts: number;
  /**
   * Wait before the next attempt after `attemptsMade` failed ones (and the last `error`), in
   * milliseconds; -1 when no attempt is left.
   */
  retryDelayMs(attemptsMade: number, error: unknown): number;
}

export interface DeliverProcessorDeps {
  store: Store;
  logger: Logger;
  /**
   * Sends the brief. Undefined when no webhook is configured (src/compose/worker.ts): a deliver
   * job then only confirms the brief is in the store, which the summarize job wrote.
   */
  deliver?: DeliverBrief | undefined;
}

export interface DeliverJobResult {
  paperId: string;
  destination: string;
  /** `skipped`: the destination is disabled (it answered 410 earlier); nothing was sent. */
  status: 'delivered' | 'stored' | 'skipped';
}

/**
 * The `deliver` processor: parses the job, reads the brief from the store (deliveries never
 * re-run the LLM), hands it to `deliver`, and maps errors like the summarize processor.
 */
export function createDeliverProcessor(deps: DeliverProcessorDeps) {
  return async (job: Job<unknown, DeliverJobResult>, _token?: string, signal?: AbortSignal) => {
    const { key, destination } = parseJobData(DeliverJobDataSchema, job.data, "the job's delivery");
    const logger = deps.logger.child({
      paperId: key.paperId,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
      destination,
    });
    const brief = await deps.store.get(key);
    if (!brief) {
      throw new UnrecoverableError(
        `brief_missing: no stored brief for ${key.paperId} (${key.provider}/${key.model}/${key.promptVersion})`,
      );
    }
    if (!deps.deliver) {
      logger.info('brief stored; no delivery configured');
      return { paperId: key.paperId, destination, status: 'stored' as const };
    }
    let sent: Awaited<ReturnType<DeliverBrief>>;
    try {
      sent = await deps.deliver(brief, destination, { attemptsMade: job.attemptsMade, signal, logger });
    } catch (error) {
      throw toJobError(error);
    }
    const status = sent === 'skipped' ? ('skipped' as const) : ('delivered' as const);
    logger.info(status === 'skipped' ? 'delivery skipped: destination disabled' : 'brief delivered');
    return { paperId: key.paperId, destination, status };
  };
}
