/**
 * What one `paperbrief doctor` check found. `config`: the setup is wrong (a variable to fix, exit
 * 2); `down`: a dependency does not answer or fails (exit 1); `warn` and `skip` do not fail.
 */
export type CheckStatus = 'ok' | 'warn' | 'skip' | 'config' | 'down';

export interface CheckResult {
  /** `config`, `store`, `redis`, `llm`, `webhooks`. */
  name: string;
  status: CheckStatus;
  /** One line: what was checked and found, and for a failure what to fix. */
  detail: string;
}

const LABEL: Readonly<Record<CheckStatus, string>> = {
  ok: 'ok',
  warn: 'warn',
  skip: 'skip',
  config: 'FAIL',
  down: 'FAIL',
};

/** `ok    store     sqlite ./data/paperbrief.db: ...`, one line per check. */
export function formatCheck(result: CheckResult): string {
  return `${LABEL[result.status].padEnd(5)} ${result.name.padEnd(9)} ${result.detail}`;
}

/** 2 when any check found a configuration problem, else 1 when a dependency is down, else 0. */
export function doctorExitCode(results: readonly CheckResult[]): 0 | 1 | 2 {
  if (results.some((result) => result.status === 'config')) return 2;
  if (results.some((result) => result.status === 'down')) return 1;
  return 0;
}

/** A thrown error's message, without the stack. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
