import type { Brief } from '../briefs/brief.js';
import type { PipelineDeps } from '../pipeline.js';
import {
  createProgressReporter,
  explainOutcome,
  formatRunSummary,
  inputRecords,
  runPapers,
  runSucceeded,
  type RunEvent,
  type RunRecord,
  type RunSummary,
} from '../runner/index.js';
import type { Format } from '../sources/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';

export interface RunInputsOptions {
  inputs: readonly string[];
  format: Format | 'auto';
  force: boolean;
  concurrency: number;
  /** LLM connection failures in a row that stop the run. @default 5 */
  maxConnectionFailures?: number;
  /** Receives every brief (briefed or cached) in input order. */
  onBrief?: (brief: Brief) => void | Promise<void>;
  /** Sees every record read, before the runner does (eval keeps the papers). */
  onRecord?: (record: RunRecord) => void;
  /** Draw the progress bar only when nothing else prints to the same terminal. */
  briefsToTerminal: boolean;
}

/**
 * The local run shared by `summarize` and `eval`: reads the inputs, runs the papers with
 * progress on stderr, prints each failure as it happens and the summary line at the end.
 * Returns the summary and the exit code it calls for.
 */
export async function runInputs(
  context: CliContext,
  deps: PipelineDeps,
  options: RunInputsOptions,
): Promise<{ summary: RunSummary; exitCode: number }> {
  const { stderr } = context;
  const progress = createProgressReporter({
    stream: stderr,
    // A bar redrawn in place fights with other output on the same terminal: briefs on stdout, or
    // per-paper debug logs.
    tty: stderr.isTTY === true && !options.briefsToTerminal && !deps.logger.isLevelEnabled('debug'),
  });
  const onEvent = (event: RunEvent): void => {
    if (event.type === 'failed') progress.message(`failed: ${event.failure.record}: ${event.failure.reason}`);
    if (event.type === 'stopped' && event.reason === 'budget')
      progress.message(`paperbrief: ${event.detail}`);
    if ('summary' in event) progress.update(event.summary);
  };

  let records = inputRecords(options.inputs, {
    format: options.format,
    stdin: context.stdin,
    onInput: (input) => {
      if (input.records !== undefined) progress.expect(input.records);
    },
  });
  if (options.onRecord) records = tap(records, options.onRecord);
  let summary: RunSummary;
  try {
    summary = await runPapers(records, deps, {
      concurrency: options.concurrency,
      force: options.force,
      ...(options.maxConnectionFailures ? { maxConnectionFailures: options.maxConnectionFailures } : {}),
      stopSignal: context.stopSignal,
      onEvent,
      ...(options.onBrief ? { onBrief: options.onBrief } : {}),
    });
  } finally {
    progress.finish();
  }

  stderr.write(`paperbrief: ${formatRunSummary(summary)}\n`);
  const explanation = explainOutcome(summary);
  if (explanation) stderr.write(`paperbrief: ${explanation}\n`);
  const exitCode = runSucceeded(summary)
    ? EXIT_CODES.ok
    : summary.stopReason === 'interrupted'
      ? EXIT_CODES.interrupted
      : summary.stopReason === 'provider_config'
        ? EXIT_CODES.usage // a key, model or account to fix: a configuration error
        : EXIT_CODES.failed;
  return { summary, exitCode };
}

async function* tap<T>(records: AsyncIterable<T>, see: (record: T) => void): AsyncGenerator<T> {
  for await (const record of records) {
    see(record);
    yield record;
  }
}
