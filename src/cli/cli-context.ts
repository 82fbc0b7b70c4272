/**
 * What every command gets from the entrypoint (src/cli/main.ts), which alone touches signals and
 * `process.exit`: the output streams, a stop signal, and an exit code to set.
 */
export interface CliContext {
  /** Read when an input is `-`. */
  readonly stdin: NodeJS.ReadableStream;
  /** Briefs and tables (`--out -`, `show`, `eval`). */
  readonly stdout: NodeJS.WriteStream;
  /** Progress, failures, the end summary and logs. */
  readonly stderr: NodeJS.WriteStream;
  /**
   * Aborted on the first SIGINT or SIGTERM: stop starting new work, finish what is in flight,
   * report, return. A second signal ends the process at once.
   */
  readonly stopSignal: AbortSignal;
  /** Set by a command that did not fully succeed; main exits with it. See EXIT_CODES. */
  exitCode: number;
  /**
   * Set by long-running commands (`worker`, `serve`): after the first signal, main exits with
   * EXIT_CODES.failed once this many milliseconds have passed, whatever the command still waits
   * for (Redis down keeps connections from closing). Undefined: no deadline (`summarize`).
   */
  shutdownDeadlineMs?: number | undefined;
}

/** The exit codes of every command; README lists them. */
export const EXIT_CODES = {
  ok: 0,
  /** Some papers or records failed, something was not found, or an operation failed. */
  failed: 1,
  /** Bad usage or configuration: unknown flag, invalid value, invalid environment. */
  usage: 2,
  /** Stopped by SIGINT/SIGTERM before the end (what was done is kept). */
  interrupted: 130,
} as const;

/** Time past PAPERBRIEF_SHUTDOWN_TIMEOUT_MS a long-running command has to close, in milliseconds. */
export const SHUTDOWN_GRACE_MS = 5_000;
