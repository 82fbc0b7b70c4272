import type { Usage } from '../../briefs/brief.js';
import { costUsd, type ModelPrice, type TokenUsage } from '../../cost/price-table.js';

/**
 * Tokens of one paper's calls, kept apart by price: the first answer when it came from elsewhere
 * (a batch, at its own price), and the synchronous calls.
 */
export interface UsageTally {
  first: TokenUsage;
  firstPrice: ModelPrice | undefined;
  sync: TokenUsage;
}

const emptyUsage = (): TokenUsage => ({ prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0 });
export const newTally = (): UsageTally => ({
  first: emptyUsage(),
  firstPrice: undefined,
  sync: emptyUsage(),
});

/**
 * The paper's usage and cost: each part at its own price (cost rounded as `costUsd` does).
 * `price` is the price of the synchronous calls.
 */
export const totalUsage = ({ first, firstPrice, sync }: UsageTally, price: ModelPrice | undefined): Usage => {
  const sum = (key: keyof TokenUsage) => first[key] + sync[key];
  const cost = costUsd(first, firstPrice) + costUsd(sync, price);
  return {
    prompt_tokens: sum('prompt_tokens'),
    completion_tokens: sum('completion_tokens'),
    cached_tokens: sum('cached_tokens'),
    cost_usd: Math.round(cost * 1e10) / 1e10,
  };
};
