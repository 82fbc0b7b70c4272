import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { backoffDelayMs } from '../backoff.js';
import { BudgetExceededError, describeError } from '../errors.js';
import { recordPaperBriefed, recordPaperFailed, type PaperbriefMetrics } from '../metrics/index.js';
import { PaperSchema } from '../papers/paper.js';
import { summarizePaper, type PipelineDeps, type PipelineResult } from '../pipeline.js';
import {
  connectionFailureStop,
  isConnectionFailure,
  systemicFailureOf,
  type SystemicFailure,
} from '../systemic-failure.js';
import { isRateLimit, toJobError } from './job-failure.js';
import { parseJobData } from './parse-job-data.js';
import { queueDeliveries, type DeliveryQueue } from './queue-deliveries.js';

export interface SummarizeJobResult {
  paperId: string;
  status: PipelineResult['status'];
  /** Deliver jobs added for this brief (existing ones are not added twice). */
  deliveries: number;
}

export interface SummarizeProcessorDeps {
  /** The same dependencies local mode gives `summarizePaper`; `logger` gets per-job fields. */
  pipeline: PipelineDeps;
  /**
   * Pauses the whole queue, on every worker, for `ms` (the worker's `rateLimit`). Called on a
   * provider 429 before the job is handed back with `Worker.RateLimitError()`.
   */
  rateLimit: (ms: number) => Promise<void>;
  /** Called when the summarizer's budget (`--max-cost`) is spent; the worker should pause. */
  onBudgetSpent?: (() => void) | undefined;
  /**
   * Called on a systemic failure (src/systemic-failure.ts) after the job went back to the wait
   * list; the worker should pause its intake (`createIntakePause`). Omitted: such errors fail or
   * retry the job like any other.
   */
  onSystemicFailure?: ((failure: SystemicFailure) => void) | undefined;
  /** True while intake is paused for a systemic failure: a job fetched then goes straight back. */
  intakePaused?: (() => boolean) | undefined;
  /**
   * Called after every job that ended without a systemic failure (briefed, or failed for reasons
   * of its own): the provider and the store work.
   */
  onHealthy?: (() => void) | undefined;
  /** LLM connection failures in a row (in this worker) that count as systemic. @default 5 */
  maxConnectionFailures?: number | undefined;
  /** Counts papers briefed and papers failed for good (src/metrics). Omitted: nothing counted. */
  metrics?: PaperbriefMetrics | undefined;
  /**
   * Where each stored brief goes next: one deliver job per destination that wants it.
   * Omitted: no deliveries.
   */
  deliveries?: DeliveryQueue | undefined;
}

/**
 * The `summarize` processor: parses the job's Paper (jobs outlive deploys, so never cast), runs
 * the one pipeline local mode runs, and maps its errors for BullMQ: a retryable 429 pauses the
 * queue and hands the job back without using an attempt (capped by the worker's
 * `maxStartedAttempts`); a spent budget hands the job back and pauses this worker; other
 * retryable errors are thrown for the backoff; the rest fail at once as UnrecoverableError with
 * the reason. A job run twice (stalled, retried) stores one brief:
 * the second run finds it cached.
 */
export function createSummarizeProcessor(deps: SummarizeProcessorDeps) {
  const maxConnectionFailures = deps.maxConnectionFailures ?? 5;
  let connectionFailures = 0;
  return async (job: Job<unknown, SummarizeJobResult>, token?: string, signal?: AbortSignal) => {
    if (deps.intakePaused?.()) {
      // Fetched while intake was pausing: back to the wait list before any paid call.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const paper = parseJobData(PaperSchema, job.data, "the job's paper");
    const logger = deps.pipeline.logger.child({
      paperId: paper.id,
      jobId: job.id,
      attempt: job.attemptsMade + 1,
    });

    let result: PipelineResult;
    try {
      result = await summarizePaper(paper, { ...deps.pipeline, logger }, { signal });
    } catch (error) {
      connectionFailures = isConnectionFailure(error) ? connectionFailures + 1 : 0;
      const systemic =
        systemicFailureOf(error) ??
        (connectionFailures >= maxConnectionFailures
          ? connectionFailureStop(connectionFailures, error)
          : undefined);
      if (systemic && deps.onSystemicFailure) {
        // Not the paper's fault: the job goes back without using an attempt, and intake pauses.
        logger.warn(
          { kind: systemic.kind, reason: describeError(error) },
          'systemic failure: job handed back',
        );
        // Pause first: handing the job back is a Redis round trip, during which the other jobs in
        // flight would finish and the worker would fetch (and pay for) new ones.
        deps.onSystemicFailure(systemic);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (isRateLimit(error)) {
        const pauseMs = backoffDelayMs(job.attemptsStarted, error);
        logger.warn({ pauseMs, reason: describeError(error) }, 'rate limited: pausing the queue');
        await deps.rateLimit(pauseMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof BudgetExceededError) {
        // This process's budget is spent, not the paper's chances: the job goes back for a worker
        // with budget left (or for this one after a restart), and this worker stops taking jobs.
        logger.error(
          { reason: describeError(error) },
          'budget spent: this worker takes no more summarize jobs',
        );
        await job.moveToWait(token);
        deps.onBudgetSpent?.();
        throw new WaitingError();
      }
      logger.warn({ reason: describeError(error) }, 'summarize attempt failed');
      if (!isConnectionFailure(error)) deps.onHealthy?.();
      const jobError = toJobError(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (deps.metrics && (lastAttempt || jobError instanceof UnrecoverableError)) {
        recordPaperFailed(deps.metrics, error);
      }
      throw jobError;
    }
    connectionFailures = 0;
    deps.onHealthy?.();
    if (deps.metrics) recordPaperBriefed(deps.metrics, result);

    const deliveries = await queueDeliveries(result, deps.deliveries);
    logger.info({ status: result.status, deliveries }, 'paper done');
    return { paperId: paper.id, status: result.status, deliveries };
  };
}
