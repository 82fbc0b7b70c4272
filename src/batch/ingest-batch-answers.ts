import { randomUUID } from 'node:crypto';
import { batchPrice } from '../cost/price-table.js';
import { BudgetExceededError, describeError, isRetryable } from '../errors.js';
import { summarizePaper, type PipelineResult } from '../pipeline.js';
import { queueDeliveries } from '../queue/queue-deliveries.js';
import type { BatchPaperRecord, BatchRecord } from '../stores/batch-records.js';
import type { Summarizer } from '../summarizers/summarizer.js';
import type { BatchDeps } from './batch-deps.js';
import { outcomeOfLine, type BatchOutputLine } from './batch-output-lines.js';

export interface IngestOptions {
  /** A claim older than this belongs to a collect that died and may be taken over. @default 600000 (10 min) */
  claimTtlMs?: number;
  /** Papers checked (and repaired) at once. @default 4 */
  concurrency?: number;
  /** Aborted: take no more papers; those in hand finish and are settled. */
  signal?: AbortSignal | undefined;
}

/** What one collect did with a batch's answers. */
export interface IngestTally {
  briefed: number;
  /** Already stored with the same input (another collect, or a synchronous run, got there first). */
  cached: number;
  failed: Array<{ paperId: string; reason: string }>;
  /** A repair call failed in a way worth retrying (429, 5xx, budget): back to pending. */
  retryLater: number;
  /** Claimed by another collect that is still running. */
  takenByOthers: number;
  /** Papers not in this output (a partial file): left pending. */
  unanswered: number;
  /** Papers whose answer needed a repair (or length) turn: a synchronous call each. */
  repaired: number;
  /** Synchronous calls made (repairs and length retries). */
  syncCalls: number;
  /** Deliver jobs asked for (distributed mode with webhooks; a job already queued is not added twice). */
  deliveries: number;
  costUsd: number;
}

export const emptyTally = (): IngestTally => ({
  briefed: 0,
  cached: 0,
  failed: [],
  retryLater: 0,
  takenByOthers: 0,
  unanswered: 0,
  repaired: 0,
  syncCalls: 0,
  deliveries: 0,
  costUsd: 0,
});

/**
 * Turns a batch's output lines into briefs, one paper at a time under a claim in the store:
 * each answer goes down the synchronous road (`summarizePaper` with a summarizer that starts
 * from the batch's answer: same checks, repair turns, grounding, schema and store), so a brief
 * is the same whichever way its answer came. A line that failed fails its paper with the
 * line's reason; `missing` says what a paper without a line becomes (failed when the batch has
 * ended; left pending when the file may be partial).
 */
export async function ingestBatchAnswers(
  batch: BatchRecord,
  lines: ReadonlyMap<string, BatchOutputLine>,
  deps: BatchDeps,
  options: IngestOptions & { missing: 'failed' | 'pending' },
  tally: IngestTally = emptyTally(),
): Promise<IngestTally> {
  const runId = randomUUID();
  const now = deps.now ?? (() => new Date());
  const claimTtlMs = options.claimTtlMs ?? 600_000;
  const price = batchPrice(deps.price);
  const batchId = batch.providerBatchId ?? batch.id;
  const open = (await deps.store.batchPapers(batch.id)).filter(
    (paper) => paper.state === 'pending' || paper.state === 'claimed',
  );

  const settle = (paper: BatchPaperRecord, state: 'briefed' | 'failed' | 'pending', reason?: string) =>
    deps.store.settleBatchPaper(batch.id, paper.customId, runId, { state, reason: reason ?? null });

  async function take(paper: BatchPaperRecord): Promise<void> {
    const at = now();
    const claimed = await deps.store.claimBatchPaper(batch.id, paper.customId, {
      by: runId,
      at: at.toISOString(),
      staleBefore: new Date(at.getTime() - claimTtlMs).toISOString(),
    });
    if (!claimed) {
      tally.takenByOthers++;
      return;
    }
    const line = lines.get(paper.customId);
    if (!line) {
      if (options.missing === 'pending') tally.unanswered++;
      else
        tally.failed.push({ paperId: paper.paperId, reason: `no_answer: the batch ended ${batch.status}` });
      await settle(
        paper,
        options.missing,
        options.missing === 'failed' ? `no_answer: ${batch.status}` : undefined,
      );
      return;
    }
    const outcome = outcomeOfLine(line);
    if (outcome.kind === 'error') {
      tally.failed.push({ paperId: paper.paperId, reason: outcome.reason });
      await settle(paper, 'failed', outcome.reason);
      return;
    }
    const fromAnswer: Summarizer = {
      provider: deps.summarizer.provider,
      model: deps.summarizer.model,
      promptVersion: deps.summarizer.promptVersion,
      summarize: async (input, context) => ({
        ...(await deps.summarizer.summarizeFromAnswer(input, context, { ...outcome, price })),
        batchId,
      }),
    };
    try {
      const result = await summarizePaper(paper.paper, {
        summarizer: fromAnswer,
        store: deps.store,
        taxonomy: deps.taxonomy,
        allowedTags: deps.allowedTags,
        logger: deps.logger,
        ...(deps.now ? { now: deps.now } : {}),
      });
      if (!(await handOff(paper, result))) return;
      if (result.status === 'cached') tally.cached++;
      else {
        tally.briefed++;
        const extraCalls = result.brief.provenance.attempts - 1;
        tally.syncCalls += extraCalls;
        if (extraCalls > 0) tally.repaired++;
        tally.costUsd += result.brief.provenance.usage.cost_usd;
      }
      await settle(paper, 'briefed');
    } catch (error) {
      if (isRetryable(error) || error instanceof BudgetExceededError) {
        tally.retryLater++;
        await settle(paper, 'pending');
      } else {
        const reason = describeError(error);
        tally.failed.push({ paperId: paper.paperId, reason });
        await settle(paper, 'failed', reason);
      }
    }
  }

  /**
   * Queues the brief's webhooks before the paper is settled. When the queue fails, the paper goes
   * back to pending: the next collect finds the brief cached and queues it then (deterministic
   * job ids: never twice). Returns whether the paper may be settled.
   */
  async function handOff(paper: BatchPaperRecord, result: PipelineResult): Promise<boolean> {
    try {
      // Not `tally.deliveries += await …`: that reads the tally before the await, and papers run at once.
      const queued = await queueDeliveries(result, deps.deliveries);
      tally.deliveries += queued;
      return true;
    } catch (error) {
      deps.logger.warn(
        { paperId: paper.paperId, reason: describeError(error) },
        'could not queue the webhooks of a stored brief: left pending for the next collect',
      );
      tally.retryLater++;
      await settle(paper, 'pending');
      return false;
    }
  }

  let next = 0;
  const worker = async () => {
    while (next < open.length && !options.signal?.aborted) {
      await take(open[next++] as BatchPaperRecord);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return tally;
}
