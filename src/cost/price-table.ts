import { z } from 'zod';
import type { Usage } from '../briefs/brief.js';
import { ConfigError } from '../errors.js';
import { readJsonFile } from '../read-json-file.js';

/** What one model costs, in US dollars per million tokens. */
export const ModelPriceSchema = z.object({
  /** Uncached prompt tokens. */
  input: z.number().nonnegative(),
  /** Prompt tokens served from the provider's prefix cache. @default input */
  cached_input: z.number().nonnegative().optional(),
  /** Completion tokens (reasoning tokens included, as providers bill them). */
  output: z.number().nonnegative(),
  /** Batch API prices of the three; each @default half its synchronous price (OpenAI's discount). */
  batch_input: z.number().nonnegative().optional(),
  batch_cached_input: z.number().nonnegative().optional(),
  batch_output: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** A price file: `{ "<model>": { "input": 0.15, "cached_input": 0.075, "output": 0.6 } }`. */
export const PriceTableSchema = z.record(z.string().min(1), ModelPriceSchema);
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of common OpenAI models (USD per 1M tokens) when this table was written. Prices
 * change: override or extend them with a JSON file (`PAPERBRIEF_PRICES`). Models not listed
 * (local servers, most OpenRouter models) cost 0 unless the file names them.
 */
export const DEFAULT_PRICES: PriceTable = Object.freeze({
  'gpt-4o': { input: 2.5, cached_input: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cached_input: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cached_input: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cached_input: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cached_input: 0.025, output: 0.4 },
  'gpt-5': { input: 1.25, cached_input: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cached_input: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cached_input: 0.005, output: 0.4 },
  o3: { input: 2, cached_input: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cached_input: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cached_input: 0.275, output: 4.4 },
});

/**
 * The default prices, overridden model by model by the JSON file at `path` when given.
 * @throws ConfigError naming the file and the first problem.
 */
export function loadPriceTable(path?: string): PriceTable {
  if (path === undefined) return DEFAULT_PRICES;
  const raw = readJsonFile(path, 'price file');
  const parsed = PriceTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`price file ${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return Object.freeze({ ...DEFAULT_PRICES, ...parsed.data });
}

/** A model name without its router prefix: `openai/gpt-4o` → `gpt-4o`. */
export function bareModelName(model: string): string {
  return model.slice(model.lastIndexOf('/') + 1);
}

/**
 * The price of `model`: an exact entry, else the longest entry the name starts with (dated
 * snapshots such as `gpt-4o-mini-2024-07-18`), after dropping a router prefix (`openai/gpt-4o`).
 */
export function priceFor(table: PriceTable, model: string): ModelPrice | undefined {
  const candidates = [model, bareModelName(model)];
  for (const name of candidates) {
    if (table[name]) return table[name];
  }
  const bare = candidates[1] as string;
  const prefix = Object.keys(table)
    .filter((name) => bare.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table[prefix];
}

/**
 * What a model costs through the Batch API: the price table's `batch_*` prices where given, else
 * half the synchronous ones (OpenAI, Groq and Together discount batches by 50 %).
 */
export function batchPrice(price: ModelPrice | undefined): ModelPrice | undefined {
  if (!price) return undefined;
  const cachedInput = price.cached_input ?? price.input;
  return {
    input: price.batch_input ?? price.input / 2,
    cached_input: price.batch_cached_input ?? cachedInput / 2,
    output: price.batch_output ?? price.output / 2,
  };
}

export type TokenUsage = Omit<Usage, 'cost_usd'>;

/** Cost in USD of `usage` at `price`; 0 when the model has no price. */
export function costUsd(usage: TokenUsage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const cached = Math.min(usage.cached_tokens, usage.prompt_tokens);
  const dollars =
    (usage.prompt_tokens - cached) * price.input +
    cached * (price.cached_input ?? price.input) +
    usage.completion_tokens * price.output;
  // Per-million prices times token counts leave float dust; ten decimals keep micro-dollars exact.
  return Math.round(dollars * 1e4) / 1e10;
}
