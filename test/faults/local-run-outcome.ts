import type { Paper } from '../../src/papers/paper.js';
import type { Store } from '../../src/stores/store.js';
import type { FakeCall } from '../support/fake-llm-server.js';
import { auditStore } from './brief-audit.js';
import type { FaultRowInput } from './fault-report.js';
import { BUNDLED_TAGS } from './queue-outcome.js';

/** The counts of `paperbrief summarize`'s summary line (`read 10, briefed 7, ..., not started 3`). */
export function summaryCounts(output: string): Record<string, number> {
  const line = /paperbrief: (read \d+[^\n]*)/.exec(output)?.[1] ?? '';
  const counts: Record<string, number> = {};
  for (const match of line.matchAll(/(read|briefed|cached|failed|duplicates|not started) (\d+)/g))
    counts[match[1] as string] = Number(match[2]);
  return counts;
}

/**
 * A local run's row: briefs from the store (audited), failures and papers not started from the
 * CLI's summary line; `lost` is what is in none of them.
 */
export async function localRunOutcome(
  papers: readonly Paper[],
  store: Store,
  output: string,
): Promise<{ row: Omit<FaultRowInput, 'scenario' | 'notes' | 'durationMs'>; problems: string[] }> {
  const audit = await auditStore(store, new Map(papers.map((paper) => [paper.id, paper])), BUNDLED_TAGS);
  const counts = summaryCounts(output);
  const failed = counts['failed'] ?? 0;
  const notStarted = counts['not started'] ?? 0;
  return {
    row: {
      papersIn: papers.length,
      briefsStored: audit.stored,
      duplicates: audit.duplicates,
      failedWithReason: failed,
      invalidBriefs: audit.problems.length,
      keptForLater: notStarted,
      lost: papers.length - audit.briefedIds.size - failed - notStarted,
    },
    problems: audit.problems,
  };
}

/** Calls answered with a brief (paid) that arrived after the call at `index`. */
export function paidCallsAfter(calls: readonly FakeCall[], index: number | undefined): number {
  if (index === undefined) return 0;
  return calls.filter((call) => call.index > index && call.behaviour === 'valid').length;
}
