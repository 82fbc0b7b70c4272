import { WaitingError, type Job, type Processor } from 'bullmq';

/** The abort reason `closeWorkers` gives jobs still running when the shutdown timeout ends. */
export const SHUTDOWN_REASON = 'paperbrief: worker shutting down';

/**
 * Wraps a processor so that a job still running when the worker must stop goes back to the
 * wait list at once (another worker takes it) instead of staying active until its lock expires
 * and counting as stalled. Without the wrapper BullMQ would wait for the processor forever or,
 * after a forced close, leave the job locked for `lockDuration`.
 * The processor itself gets the same signal (the pipeline passes it to the summarizer); its
 * late result is harmless because store writes are upserts.
 */
export function returnOnShutdown<Data, Result>(processor: Processor<Data, Result>): Processor<Data, Result> {
  // Three declared parameters: BullMQ hands the abort signal only to processors whose
  // `length` is at least 3.
  return async (job: Job<Data, Result>, token?: string, signal?: AbortSignal): Promise<Result> => {
    if (!signal) return processor(job, token, signal);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([processor(job, token, signal), aborted]);
    } catch (error) {
      if (signal.aborted && signal.reason === SHUTDOWN_REASON) {
        await job.moveToWait(token);
        // Tells BullMQ the job has been moved already: not failed, no attempt used.
        throw new WaitingError();
      }
      throw error;
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  };
}
