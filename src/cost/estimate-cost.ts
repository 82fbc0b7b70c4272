import { batchPrice, costUsd, type ModelPrice } from './price-table.js';
import type { TokenCounter } from './token-counter.js';

/** Estimated tokens of one paper's first request and its answer. */
export interface PaperTokens {
  prompt: number;
  completion: number;
}

/** A run's estimated tokens and cost, synchronously and through the Batch API. */
export interface CostEstimate {
  papers: number;
  promptTokens: number;
  completionTokens: number;
  /** At the model's list price, nothing cached. */
  syncCostUsd: number;
  /** At the model's batch price (half the list price unless the price table says otherwise). */
  batchCostUsd: number;
}

/**
 * A brief's answer, estimated from the abstract it is made from: a fixed part (the JSON keys,
 * the TL;DR, the method name, type and tags) and a part that grows with the abstract (claimed
 * results quote their evidence sentence). Fitted on the dev page (62 papers) with the fake
 * server's paper-derived answers: see docs/decisions/0034.
 */
export function estimateCompletionTokens(counter: TokenCounter, abstract: string): number {
  return Math.round(COMPLETION_BASE_TOKENS + COMPLETION_PER_ABSTRACT_TOKEN * counter.count(abstract));
}
export const COMPLETION_BASE_TOKENS = 60;
export const COMPLETION_PER_ABSTRACT_TOKEN = 0.2;

/** Adds up papers' tokens and prices them (no repairs: an answer needing one costs a second call). */
export function estimateCost(tokens: readonly PaperTokens[], price: ModelPrice | undefined): CostEstimate {
  const promptTokens = tokens.reduce((sum, paper) => sum + paper.prompt, 0);
  const completionTokens = tokens.reduce((sum, paper) => sum + paper.completion, 0);
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, cached_tokens: 0 };
  return {
    papers: tokens.length,
    promptTokens,
    completionTokens,
    syncCostUsd: costUsd(usage, price),
    batchCostUsd: costUsd(usage, batchPrice(price)),
  };
}
