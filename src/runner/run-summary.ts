import type { Usage } from '../briefs/brief.js';
import type { SystemicKind } from '../systemic-failure.js';

/** One paper or record that did not become a brief, named so a user can find it in the input. */
export interface RunFailure {
  /** Where it is: `papers.jsonl line 3`, plus the paper id when one was read. */
  record: string;
  /** Single-line reason for a person (`field "title": missing`), without the error code. */
  reason: string;
}

/**
 * Why a run ended before the end of its input: a signal, the budget, or a systemic failure
 * (src/systemic-failure.ts).
 */
export type StopReason = 'interrupted' | 'budget' | SystemicKind;

/** What a local run did; the CLI prints it and derives the exit code from it. */
export interface RunSummary {
  /** Records read from the inputs: papers, invalid records and duplicates. */
  read: number;
  /** Papers summarised in this run. */
  briefed: number;
  /** Papers whose brief was already stored under the same key and input. */
  cached: number;
  /** Invalid records plus papers that failed; each is listed in `failures`. */
  failed: number;
  /** Records whose paper id had already been read in this run: briefed once. */
  duplicates: number;
  /** Papers read but never started because the run stopped early. */
  notStarted: number;
  failures: RunFailure[];
  /** Sum of `provenance.usage` over the papers briefed in this run (cached ones cost nothing). */
  usage: Usage;
  elapsedMs: number;
  stopReason: StopReason | undefined;
  /** The one message saying why the run stopped and what to fix. */
  stopDetail?: string | undefined;
}

/** A summary with every count at zero: where a run starts. */
export function emptyRunSummary(): RunSummary {
  return {
    read: 0,
    briefed: 0,
    cached: 0,
    failed: 0,
    duplicates: 0,
    notStarted: 0,
    failures: [],
    usage: emptyUsage(),
    elapsedMs: 0,
    stopReason: undefined,
  };
}

export function emptyUsage(): Usage {
  return { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 };
}

export function addUsage(total: Usage, usage: Usage): void {
  total.prompt_tokens += usage.prompt_tokens;
  total.completion_tokens += usage.completion_tokens;
  total.cached_tokens += usage.cached_tokens;
  total.cost_usd += usage.cost_usd;
}

/** True when every readable paper ended briefed or cached: the CLI's exit code 0. */
export function runSucceeded(summary: RunSummary): boolean {
  return summary.failed === 0 && summary.notStarted === 0 && summary.stopReason === undefined;
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** `read 10, briefed 7, cached 1, failed 2, elapsed 0.41s` (+ duplicates, tokens and cost when non-zero). */
export function formatRunSummary(summary: RunSummary): string {
  const parts = [
    `read ${summary.read}`,
    `briefed ${summary.briefed}`,
    `cached ${summary.cached}`,
    `failed ${summary.failed}`,
  ];
  if (summary.duplicates > 0) parts.push(`duplicates ${summary.duplicates}`);
  if (summary.notStarted > 0) parts.push(`not started ${summary.notStarted}`);
  parts.push(`elapsed ${formatSeconds(summary.elapsedMs)}`);
  const { usage } = summary;
  const tokens = usage.prompt_tokens + usage.completion_tokens;
  if (tokens > 0) {
    const cached = usage.cached_tokens > 0 ? `, ${usage.cached_tokens} cached` : '';
    parts.push(`tokens ${usage.prompt_tokens} in + ${usage.completion_tokens} out${cached}`);
  }
  if (usage.cost_usd > 0) parts.push(`cost $${usage.cost_usd.toFixed(4)}`);
  return parts.join(', ');
}

/** The sentence under the summary line saying why the run is not a success, or undefined. */
export function explainOutcome(summary: RunSummary): string | undefined {
  if (summary.stopReason === 'budget') {
    return `stopped: the cost budget is spent; ${summary.notStarted} paper(s) were not briefed (the briefed ones are kept)`;
  }
  if (summary.stopReason !== undefined && summary.stopReason !== 'interrupted') {
    const where = summary.stopReason === 'store_unwritable' ? 'stored' : 'briefed';
    return `stopped: ${summary.stopDetail ?? summary.stopReason}; ${summary.notStarted} paper(s) were not ${where} (the stored briefs are kept)`;
  }
  if (summary.stopReason === 'interrupted') {
    return `interrupted: ${summary.notStarted} paper(s) read were not started; re-run to brief the rest (briefed papers are cached)`;
  }
  if (summary.failed > 0)
    return `${summary.failed} record(s) failed; see the lines starting with "failed:" above`;
  return undefined;
}
