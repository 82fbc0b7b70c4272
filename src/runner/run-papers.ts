import { setImmediate } from 'node:timers/promises';
import { withRetries, type BackoffOptions, type RetryOptions } from '../backoff.js';
import type { Brief } from '../briefs/brief.js';
import { BudgetExceededError, describeError, PaperbriefError, userMessage } from '../errors.js';
import {
  connectionFailureStop,
  isConnectionFailure,
  systemicFailureOf,
  type SystemicFailure,
} from '../systemic-failure.js';
import type { Paper } from '../papers/paper.js';
import { summarizePaper, type PipelineDeps } from '../pipeline.js';
import type { RunRecord } from './input-records.js';
import { createInOrderQueue } from './in-order-queue.js';
import {
  addUsage,
  emptyRunSummary,
  type RunFailure,
  type RunSummary,
  type StopReason,
} from './run-summary.js';

export interface RunOptions {
  /** Papers summarised at once. @default 4 */
  concurrency?: number;
  /** Brief again even when the store has a brief for the same key and input. @default false */
  force?: boolean;
  /** Attempts per paper for retryable errors, the first included. @default 5 */
  attempts?: number;
  /** Backoff between attempts (base, cap, jitter, injectable sleep). */
  backoff?: BackoffOptions & Pick<RetryOptions, 'sleep'>;
  /** When aborted, no new paper starts; the papers in flight finish. */
  stopSignal?: AbortSignal | undefined;
  /** Receives every brief of the run (briefed or cached) in input order; awaited one at a time. */
  onBrief?: (brief: Brief) => void | Promise<void>;
  /** Told after every record, for progress display and failure lines. */
  onEvent?: (event: RunEvent) => void;
  /** Clock for `elapsedMs`, in milliseconds. @default performance.now */
  now?: () => number;
  /**
   * LLM calls failing to connect, in a row across all papers, that stop the run
   * (PAPERBRIEF_MAX_CONNECTION_FAILURES). @default 5
   */
  maxConnectionFailures?: number;
}

export type RunEvent =
  | { type: 'done'; status: 'briefed' | 'cached'; paperId: string; summary: Readonly<RunSummary> }
  | { type: 'failed'; failure: RunFailure; summary: Readonly<RunSummary> }
  | { type: 'duplicate'; paperId: string; location: string; summary: Readonly<RunSummary> }
  | { type: 'retry'; record: string; attempt: number; delayMs: number; reason: string }
  | { type: 'stopped'; reason: StopReason; detail: string };

/** Longest stretch without giving the event loop a turn, in milliseconds. */
const YIELD_EVERY_MS = 20;
/** Briefs waiting for the output before reading pauses. */
const MAX_OUTPUT_BACKLOG = 256;

type PaperRecord = Extract<RunRecord, { kind: 'paper' }>;

/** Ends the retries of a paper whose run has stopped on a systemic failure; never reported per paper. */
class RunHaltedError extends PaperbriefError {
  override readonly name = 'RunHaltedError';
  constructor() {
    super('run_halted', 'the run stopped on a systemic failure');
  }
}

/**
 * The local runner behind `summarize` and `eval`: sends every paper of `records` through
 * `summarizePaper` with at most `concurrency` in flight, retries retryable errors with
 * `withRetries` (local mode's one retry owner), collects failures naming their record, and hands
 * the briefs to `onBrief` in input order. Never throws for a bad record or a failed paper; a
 * `BudgetExceededError` or `stopSignal` stops new papers from starting and keeps what is briefed.
 * A systemic failure (src/systemic-failure.ts: a refused key or model, an unwritable store,
 * `maxConnectionFailures` connection failures in a row) stops the run at once: no new paper, no
 * further try of the papers in flight (calls already sent finish), one `stopped` event, and the
 * papers it hit are counted as not started rather than reported one by one.
 * @throws only what `onBrief` or reading `records` throws (a full disk, an unreadable input).
 */
export async function runPapers(
  records: Iterable<RunRecord> | AsyncIterable<RunRecord>,
  deps: PipelineDeps,
  options: RunOptions = {},
): Promise<RunSummary> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const summary = emptyRunSummary();
  const output = createInOrderQueue<Brief>(async (brief) => options.onBrief?.(brief));
  const inFlight = new Set<Promise<void>>();

  const fail = (failure: RunFailure): void => {
    summary.failed++;
    summary.failures.push(failure);
    options.onEvent?.({ type: 'failed', failure, summary });
  };
  const stop = (reason: StopReason, detail: string): void => {
    if (summary.stopReason !== undefined) return;
    summary.stopReason = reason;
    summary.stopDetail = detail;
    options.onEvent?.({ type: 'stopped', reason, detail });
  };
  const maxConnectionFailures = Math.max(1, options.maxConnectionFailures ?? 5);
  let connectionFailures = 0;
  let halted: SystemicFailure | undefined;
  // Cuts the backoff sleeps of papers waiting to try again.
  const haltSignal = new AbortController();
  const halt = (failure: SystemicFailure): void => {
    halted ??= failure;
    haltSignal.abort(new RunHaltedError());
    stop(failure.kind, failure.message);
  };
  // One try of one paper, watching for systemic failures: a try never starts after one.
  const attempt = async (paper: Paper) => {
    if (halted) throw new RunHaltedError();
    try {
      const result = await summarizePaper(paper, deps, { force: options.force ?? false });
      connectionFailures = 0;
      return result;
    } catch (error) {
      const systemic = systemicFailureOf(error);
      if (systemic) halt(systemic);
      if (isConnectionFailure(error)) {
        connectionFailures++;
        if (connectionFailures >= maxConnectionFailures)
          halt(connectionFailureStop(connectionFailures, error));
      } else {
        connectionFailures = 0;
      }
      if (halted) throw new RunHaltedError();
      throw error;
    }
  };
  const stopped = (): boolean => {
    if (options.stopSignal?.aborted) stop('interrupted', 'interrupted: finishing the papers in flight');
    return summary.stopReason !== undefined;
  };

  const runOne = async (record: PaperRecord, slot: number): Promise<void> => {
    const name = recordName(record.location, record.paper);
    try {
      const result = await withRetries(() => attempt(record.paper), {
        ...options.backoff,
        signal: haltSignal.signal,
        attempts: options.attempts ?? 5,
        onRetry: ({ attempt, delayMs, error }) => {
          const reason = describeError(error);
          deps.logger.warn({ paperId: record.paper.id, attempt, delayMs, reason }, 'retrying paper');
          options.onEvent?.({ type: 'retry', record: name, attempt, delayMs, reason });
        },
      });
      if (result.status === 'briefed') {
        summary.briefed++;
        addUsage(summary.usage, result.brief.provenance.usage);
      } else {
        summary.cached++;
      }
      output.settle(slot, result.brief);
      options.onEvent?.({ type: 'done', status: result.status, paperId: record.paper.id, summary });
    } catch (error) {
      output.settle(slot, undefined);
      if (error instanceof RunHaltedError || halted) {
        summary.notStarted++;
      } else if (error instanceof BudgetExceededError) {
        summary.notStarted++;
        stop('budget', describeError(error));
      } else {
        fail(failureOf(name, error));
      }
    }
  };

  let lastYieldAt = startedAt;
  for await (const record of records) {
    if (output.failed) break; // the output cannot be written: stop reading, report it below
    // A fast summarizer keeps this loop in microtasks: give timers and signals (Ctrl-C) a turn,
    // and let a slow output catch up instead of queueing every brief in memory.
    if (now() - lastYieldAt > YIELD_EVERY_MS || output.backlog > MAX_OUTPUT_BACKLOG) {
      await output.drained().catch(() => undefined);
      await setImmediate();
      lastYieldAt = now();
    }
    if (record.kind === 'unreadable') {
      fail(failureOf(record.sourceName, record.error)); // a whole input, not a record: not counted as read
      continue;
    }
    summary.read++;
    if (record.kind === 'error') {
      fail(failureOf(`${record.error.source} ${record.error.location}`, record.error));
      continue;
    }
    if (record.kind === 'duplicate') {
      summary.duplicates++;
      options.onEvent?.({ type: 'duplicate', paperId: record.paperId, location: record.location, summary });
      continue;
    }
    // Wait for a free slot before deciding: a stop may arrive while we wait.
    while (inFlight.size >= concurrency && !stopped()) await Promise.race(inFlight);
    if (stopped()) {
      // The rest of the input is still read, so the summary can say how many papers were left.
      summary.notStarted++;
      continue;
    }
    const task = runOne(record, output.reserve()).finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  await output.drained();
  summary.elapsedMs = now() - startedAt;
  return summary;
}

/** A failure whose reason does not repeat the record its message may start with. */
function failureOf(record: string, error: unknown): RunFailure {
  if (error instanceof Error && error.message.startsWith(`${record}: `)) {
    return { record, reason: error.message.slice(record.length + 2) };
  }
  return { record, reason: userMessage(error) };
}

function recordName(location: string, paper: Pick<Paper, 'id'>): string {
  return `${location} (paper ${paper.id})`;
}
