import type { RunSummary } from './run-summary.js';

export interface ProgressOptions {
  /** Where progress goes: stderr, so stdout stays free for `--out -`. */
  stream: NodeJS.WritableStream & { columns?: number };
  /** Redraw one bar in place (a terminal) instead of printing plain lines (logs, pipes, CI). */
  tty: boolean;
  /** Records expected, when known in advance (more can be added with `expect`). */
  total?: number | undefined;
  /** Least time between two plain progress lines, in milliseconds. @default 5000 */
  intervalMs?: number;
  /** Least time between two bar redraws, in milliseconds. @default 80 */
  redrawMs?: number;
  /** Clock in milliseconds. @default performance.now */
  now?: () => number;
}

export interface ProgressReporter {
  /** Adds records to the total: an input was opened and its records counted. */
  expect(records: number): void;
  /** Shows the counts of the run so far (redraws the bar, or prints a line when one is due). */
  update(summary: Readonly<RunSummary>): void;
  /** Prints a line of its own (a failure, a warning) without breaking the bar. */
  message(line: string): void;
  /** Removes the bar; call before printing the end summary. */
  finish(): void;
}

const BAR_WIDTH = 24;

/** `45s`, `3m05s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}
const CLEAR_LINE = '\r\u001b[2K';

/**
 * A tiny progress display without dependencies: a bar redrawn in place on a terminal, plain
 * periodic lines (`progress: 40 done ...`) everywhere else.
 */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const intervalMs = options.intervalMs ?? 5_000;
  const redrawMs = options.redrawMs ?? 80;
  let lastOutputAt = options.tty ? -Infinity : startedAt;
  let barShown = '';
  let total = options.total;

  const counts = (summary: Readonly<RunSummary>): string => {
    const parts = [`briefed ${summary.briefed}`, `cached ${summary.cached}`, `failed ${summary.failed}`];
    const elapsedMs = now() - startedAt;
    return `${parts.join(', ')}, ${(elapsedMs / 1000).toFixed(1)}s${pace(summary, elapsedMs)}`;
  };
  // Rate and ETA from the records finished so far; cached ones count, so a rerun shows its speed.
  const pace = (summary: Readonly<RunSummary>, elapsedMs: number): string => {
    const finished = done(summary);
    if (finished === 0 || elapsedMs <= 0) return '';
    const perSecond = finished / (elapsedMs / 1000);
    const rate = perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
    if (total === undefined || finished >= total) return `, ${rate}/s`;
    return `, ${rate}/s, ETA ${formatDuration((total - finished) / perSecond)}`;
  };
  // Records finished, counted like the total: every record of the inputs ends as one of these.
  const done = (summary: Readonly<RunSummary>): number =>
    summary.briefed + summary.cached + summary.failed + summary.duplicates;

  const drawBar = (summary: Readonly<RunSummary>): void => {
    const finished = done(summary);
    let head = `${finished} done`;
    if (total !== undefined && total > 0) {
      const filled = Math.min(BAR_WIDTH, Math.round((Math.min(finished, total) / total) * BAR_WIDTH));
      head = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${finished}/${total}`;
    }
    const width = options.stream.columns || 100; // 0 or undefined when the terminal size is unknown
    const line = `${head}  ${counts(summary)}`.slice(0, Math.max(20, width - 1));
    options.stream.write(`${CLEAR_LINE}${line}`);
    barShown = line;
  };

  return {
    expect(records) {
      total = (total ?? 0) + records;
    },
    update(summary) {
      const at = now();
      if (options.tty) {
        if (at - lastOutputAt < redrawMs) return;
        lastOutputAt = at;
        drawBar(summary);
        return;
      }
      if (at - lastOutputAt < intervalMs) return;
      lastOutputAt = at;
      const of = total === undefined ? '' : ` of ${total}`;
      options.stream.write(`progress: ${done(summary)}${of} done (${counts(summary)})\n`);
    },
    message(line) {
      if (barShown) {
        options.stream.write(`${CLEAR_LINE}${line}\n${barShown}`);
        return;
      }
      options.stream.write(`${line}\n`);
    },
    finish() {
      if (barShown) options.stream.write(CLEAR_LINE);
      barShown = '';
    },
  };
}
