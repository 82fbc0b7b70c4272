import type { CostFigure } from './cost-per-thousand.js';
import type { RateLimitFigure } from './rate-limit-use.js';

const usd = (value: number) => `$${value < 10 ? value.toFixed(3) : value.toFixed(2)}`;

/** B7 and B8 as Markdown tables for the README. */
export function formatCostTables(b7: CostFigure, b8: RateLimitFigure): string {
  const cost = [
    '| model (list prices) | synchronous | synchronous, prefix cached | Batch API |',
    '| --- | ---: | ---: | ---: |',
    ...b7.rows.map(
      (row) =>
        `| ${row.model} | ${usd(row.syncUsd)} | ${usd(row.syncCachedUsd)} (×${(row.syncCachedUsd / row.syncUsd).toFixed(2)}) | ${usd(row.batchUsd)} (×${(row.batchUsd / row.syncUsd).toFixed(2)}) |`,
    ),
    '',
    `Per paper (${b7.encoding}, ${b7.corpusPapers} papers): input ${b7.meanInputTokens.toFixed(0)} tokens ` +
      `(fixed prefix ${b7.fixedPromptTokens}, of which ${b7.cachedTokensPerCall} cacheable), answer ` +
      `${b7.meanCompletionTokens.toFixed(0)}; title + abstract alone ${b7.meanTitleAbstractTokens.toFixed(0)}: ` +
      `input is ×${b7.inputOverFloor.toFixed(2)} the floor.`,
  ];
  const rate = [
    '| run | limit | papers | LLM calls | 429s | achieved / limit | longest event-loop stall | met (≥ 0.95, 429s < 1 %) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...b8.runs.map(
      (run) =>
        `| ${run.mode}, --${run.limit} | ${run.limitPerMinute}/min | ${run.papers}${run.failed > 0 ? ` (${run.failed} failed)` : ''} | ${run.calls} | ${run.rejected429} (${(run.rejectedShare * 100).toFixed(2)} %) | ${run.ratio.toFixed(3)} | ${run.maxEventLoopDelayMs.toFixed(0)} ms | ${run.ratio >= 0.95 && run.rejectedShare < 0.01 ? 'yes' : '**NO**'} |`,
    ),
    '',
    `Not measured: ${b8.notMeasured}.`,
  ];
  return ['B7 cost per 1,000 briefs', '', ...cost, '', 'B8 rate-limit utilisation', '', ...rate].join('\n');
}
