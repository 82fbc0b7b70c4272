import type { Queue } from 'bullmq';
import { loadTaxonomy, tagIds } from '../../src/briefs/taxonomy.js';
import type { Paper } from '../../src/papers/paper.js';
import { countJobs, listFailedJobs, type QueueCounts } from '../../src/queue/index.js';
import type { Store } from '../../src/stores/store.js';
import { auditStore } from './brief-audit.js';
import type { FaultRowInput } from './fault-report.js';
import { waitFor } from '../queue/queue-test-kit.js';

/** The tags worker processes accept: the bundled taxonomy's, as `createDeps` loads it. */
export const BUNDLED_TAGS: ReadonlySet<string> = tagIds(loadTaxonomy());

/** The counts of a queued scenario once its summarize queue has settled. */
export interface QueueOutcome {
  row: Omit<FaultRowInput, 'scenario' | 'notes' | 'durationMs'>;
  counts: QueueCounts;
  /** Failure reasons seen, with how many jobs failed for each (first 80 characters). */
  reasons: Map<string, number>;
  /** Brief problems (schema, grounding), for the test's message. */
  problems: string[];
}

/** True once every job of the queue is completed or failed (none waiting, active or delayed). */
export async function queueSettled(queue: Queue, total: number): Promise<boolean> {
  const counts = await countJobs(queue);
  return counts.completed + counts.failed === total && counts.active + counts.waiting + counts.delayed === 0;
}

/**
 * Waits up to `timeoutMs` for the queue to settle (`queueSettled`). Resolves with undefined when
 * it did, else with what was left, so the scenario can still record its row (the papers left
 * count as lost) before it fails.
 */
export async function settleWithin(
  queue: Queue,
  total: number,
  timeoutMs: number,
): Promise<string | undefined> {
  try {
    await waitFor(`${total} jobs settled`, () => queueSettled(queue, total), timeoutMs);
    return undefined;
  } catch {
    const counts = await countJobs(queue);
    return `not settled after ${timeoutMs} ms: ${JSON.stringify(counts)}`;
  }
}

/**
 * Reads what a queued run left: failed jobs and their reasons from the queue, briefs from the
 * store (audited by `auditStore`), and every paper sent accounted for as briefed or failed;
 * what is neither is lost.
 */
export async function queueOutcome(
  papers: readonly Paper[],
  queue: Queue,
  store: Store,
  allowedTags: ReadonlySet<string> = BUNDLED_TAGS,
): Promise<QueueOutcome> {
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const audit = await auditStore(store, byId, allowedTags);
  const counts = await countJobs(queue);
  const failed = await listFailedJobs(queue, 'summarize', Math.max(1, counts.failed));
  const failedIds = new Set(failed.flatMap((job) => (job.paperId === undefined ? [] : [job.paperId])));
  const reasons = new Map<string, number>();
  for (const job of failed) {
    const reason = job.reason.slice(0, 80);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const lost = papers.filter((paper) => !audit.briefedIds.has(paper.id) && !failedIds.has(paper.id)).length;
  return {
    row: {
      papersIn: papers.length,
      briefsStored: audit.stored,
      duplicates: audit.duplicates,
      failedWithReason: failed.filter((job) => job.reason.trim() !== '').length,
      failedWithoutReason: failed.filter((job) => job.reason.trim() === '').length,
      invalidBriefs: audit.problems.length,
      lost,
    },
    counts,
    reasons,
    problems: audit.problems,
  };
}

/** `code ×n, code ×m` (the reasons' error codes) for the table's notes, most frequent first. */
export function describeReasons(reasons: ReadonlyMap<string, number>): string {
  const byCode = new Map<string, number>();
  for (const [reason, count] of reasons) {
    const code = reason.split(':')[0] ?? reason;
    byCode.set(code, (byCode.get(code) ?? 0) + count);
  }
  return [...byCode]
    .sort((left, right) => right[1] - left[1])
    .map(([code, count]) => `${code} ×${count}`)
    .join(', ');
}
