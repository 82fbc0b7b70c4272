import type { Logger } from 'pino';
import { backoffDelayMs } from '../backoff.js';
import { describeError } from '../errors.js';
import type { PaperbriefMetrics } from '../metrics/create-metrics.js';
import type { SystemicFailure } from '../systemic-failure.js';

export interface IntakePauseDeps {
  /** Stops this worker taking jobs (jobs in flight go on): `worker.pause(true)`. */
  pause: () => Promise<void>;
  resume: () => void;
  /**
   * Sets how many jobs the worker runs at once. Intake resumes with one trial job (a probe that
   * passes does not prove the next brief fits: a one-page write can succeed on a disk too full
   * for a brief); the first job that goes through restores `concurrency`. Omitted: no trial.
   */
  setConcurrency?: ((concurrency: number) => void) | undefined;
  /** The worker's own concurrency, restored after the trial job. @default 1 */
  concurrency?: number | undefined;
  /** Asked before resuming after `store_unwritable`: rejects while the store takes no writes. */
  checkWritable?: (() => Promise<void>) | undefined;
  logger: Logger;
  metrics?: PaperbriefMetrics | undefined;
  /** First wait before trying again, in milliseconds; doubles up to `maxMs`. @default 5000 */
  baseMs?: number;
  /** @default 300000 (5 minutes) */
  maxMs?: number;
}

export interface IntakePause {
  /** Pauses intake for `failure` (a second call while paused only logs at debug). */
  pause(failure: SystemicFailure): void;
  /** The failure intake is paused for, if any. */
  readonly current: SystemicFailure | undefined;
  /**
   * A job ended without a systemic failure: the next pause starts again from the shortest wait,
   * and a trial after a resume restores full concurrency.
   */
  succeeded(): void;
  /** Cancels the resume timer (shutdown). */
  stop(): void;
}

/**
 * A worker's answer to a systemic failure (src/systemic-failure.ts): rather than burning every
 * job's attempts on a refused key, a dead LLM server or a full disk, it stops taking jobs, says
 * why once (error log, `paperbrief_worker_paused{reason}`, hence /readyz), and tries again after
 * a backoff: for a store, only once a probe write succeeds; for the provider, by taking one job
 * (a refused or unreachable call costs nothing). Then intake resumes with one job at a time
 * until one goes through, so a wrong guess costs one paid call, not one per job slot.
 */
export function createIntakePause(deps: IntakePauseDeps): IntakePause {
  let current: SystemicFailure | undefined;
  let timer: NodeJS.Timeout | undefined;
  let tries = 0;
  let trial = false;
  const options = { baseMs: deps.baseMs ?? 5_000, maxMs: deps.maxMs ?? 300_000 };

  const schedule = (): void => {
    tries++;
    const delayMs = backoffDelayMs(tries, undefined, options);
    timer = setTimeout(() => void tryResume(), delayMs);
    timer.unref();
  };
  const tryResume = async (): Promise<void> => {
    const failure = current;
    if (!failure) return;
    if (failure.kind === 'store_unwritable' && deps.checkWritable) {
      try {
        await deps.checkWritable();
      } catch (error) {
        deps.logger.warn(
          { reason: describeError(error) },
          'store still takes no writes: intake stays paused',
        );
        schedule();
        return;
      }
    }
    current = undefined;
    deps.metrics?.workerPaused.set({ reason: failure.kind }, 0);
    if (deps.setConcurrency) {
      trial = true;
      deps.setConcurrency(1);
    }
    deps.logger.info({ kind: failure.kind, trial }, 'intake resumed');
    deps.resume();
  };

  return {
    get current() {
      return current;
    },
    pause(failure) {
      if (current) {
        deps.logger.debug({ kind: failure.kind }, 'intake already paused');
        return;
      }
      current = failure;
      deps.metrics?.workerPaused.set({ reason: failure.kind }, 1);
      deps.logger.error({ kind: failure.kind, reason: failure.message }, 'systemic failure: intake paused');
      void deps
        .pause()
        .catch((error: unknown) =>
          deps.logger.warn({ reason: describeError(error) }, 'could not pause the worker'),
        );
      schedule();
    },
    succeeded() {
      tries = 0;
      if (!trial || current) return;
      trial = false;
      deps.setConcurrency?.(deps.concurrency ?? 1);
      deps.logger.info({ concurrency: deps.concurrency ?? 1 }, 'trial job went through: full intake');
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
