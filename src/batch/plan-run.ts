import { estimateCost, type CostEstimate, type PaperTokens } from '../cost/estimate-cost.js';
import { inputHash } from '../papers/paper-id.js';
import type { Paper } from '../papers/paper.js';
import { briefKeyFor } from '../pipeline.js';
import type { BatchDeps } from './batch-deps.js';
import { estimatePaperTokens } from './estimate-paper-tokens.js';

export interface RunPlan {
  /** Papers that would be briefed. */
  toBrief: Paper[];
  /** Skipped: briefed already (same provider, model, prompt and input). */
  stored: number;
  /** Skipped: waiting in a batch that may still answer (`skipWaiting`). */
  inOpenBatch: number;
  /** Each paper's estimated tokens, in `toBrief` order. */
  tokens: PaperTokens[];
  estimate: CostEstimate;
}

/**
 * What a run would brief and what it would cost, without any LLM call: the papers not stored
 * yet (all with `force`), less those waiting in open batches when `skipWaiting`, and their
 * tokens counted over the real prompt (`estimatePaperTokens`). Used by `batch submit` and by
 * the cost preview (`--dry-run`).
 */
export async function planRun(
  papers: readonly Paper[],
  deps: Pick<BatchDeps, 'store' | 'summarizer' | 'allowedTags' | 'price'>,
  options: { force: boolean; skipWaiting: boolean },
): Promise<RunPlan> {
  const { store, summarizer } = deps;
  const waiting = options.skipWaiting
    ? await store.papersInOpenBatches({
        provider: summarizer.provider,
        model: summarizer.model,
        promptVersion: summarizer.promptVersion,
      })
    : new Set<string>();
  const toBrief: Paper[] = [];
  let stored = 0;
  let inOpenBatch = 0;
  for (const paper of papers) {
    if (waiting.has(paper.id)) {
      inOpenBatch++;
      continue;
    }
    if (!options.force) {
      const existing = await store.get(briefKeyFor(paper, summarizer));
      if (existing?.provenance.input_hash === inputHash(paper)) {
        stored++;
        continue;
      }
    }
    toBrief.push(paper);
  }
  const tokens = await estimatePaperTokens(toBrief, summarizer, deps.allowedTags);
  return { toBrief, stored, inOpenBatch, tokens, estimate: estimateCost(tokens, deps.price) };
}
