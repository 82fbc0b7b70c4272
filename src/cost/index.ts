export { createBudget, type Budget } from './budget.js';
export {
  DEFAULT_PRICES,
  ModelPriceSchema,
  PriceTableSchema,
  bareModelName,
  costUsd,
  loadPriceTable,
  priceFor,
  type ModelPrice,
  type PriceTable,
  type TokenUsage,
} from './price-table.js';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
export { estimateChatTokens, loadTokenCounter, type TokenCounter } from './token-counter.js';
