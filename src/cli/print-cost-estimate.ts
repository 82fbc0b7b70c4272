import type { CostEstimate } from '../cost/estimate-cost.js';

/** `$0.0123`, with enough digits for a small run. */
export const dollars = (amount: number): string => `$${amount < 1 ? amount.toFixed(4) : amount.toFixed(2)}`;

/** The lines of a cost preview (`summarize --dry-run`, `batch submit --dry-run`). */
export function formatCostEstimate(
  counts: { toBrief: number; stored: number; inOpenBatch?: number; model: string },
  estimate: CostEstimate,
): string {
  const lines = [
    `papers to brief ${counts.toBrief}, already stored ${counts.stored}` +
      (counts.inOpenBatch ? `, waiting in open batches ${counts.inOpenBatch}` : ''),
    `estimated tokens ${estimate.promptTokens} in + ${estimate.completionTokens} out (${counts.model}; repairs not included)`,
    `estimated cost ${dollars(estimate.syncCostUsd)} synchronously, ${dollars(estimate.batchCostUsd)} as a batch`,
  ];
  return lines.map((line) => `paperbrief: ${line}\n`).join('');
}
