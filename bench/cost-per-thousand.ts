import pino from 'pino';
import OpenAI from 'openai';
import { batchPrice, costUsd, DEFAULT_PRICES, priceFor, type ModelPrice } from '../src/cost/price-table.js';
import { loadTokenCounter } from '../src/cost/token-counter.js';
import type { Paper } from '../src/papers/paper.js';
import {
  buildFixedPrompt,
  createOpenAiSummarizer,
  loadPromptTemplates,
} from '../src/summarizers/openai/index.js';
import { deriveBrief } from '../test/support/fake-llm-server.js';

/** OpenAI's automatic prompt caching: prefixes from 1,024 tokens, cached in 128-token steps. */
const CACHE_MINIMUM = 1024;
const CACHE_STEP = 128;

export interface CostRow {
  model: string;
  /** USD per 1,000 briefs, one call each (no repairs). */
  syncUsd: number;
  /** The same with the fixed prefix served from the provider's cache on every call. */
  syncCachedUsd: number;
  /** Through the Batch API (batch prices, nothing cached). */
  batchUsd: number;
}

export interface CostFigure {
  ratio: null;
  target: null;
  encoding: string;
  /** Fixed prefix (system prompt + schema, json_schema mode) and the part of it a cache would hold. */
  fixedPromptTokens: number;
  cachedTokensPerCall: number;
  /** Mean per paper: the whole first request, the answer, and the floor of title + abstract. */
  meanInputTokens: number;
  meanCompletionTokens: number;
  meanTitleAbstractTokens: number;
  /** Input tokens per paper over the title + abstract floor. */
  inputOverFloor: number;
  rows: CostRow[];
  corpusPapers: number;
}

/**
 * B7: cost per 1,000 briefs from the tokens paperbrief itself counts (js-tiktoken over the real
 * first request of each paper, and over the fake server's paper-derived answer, as B6), at the
 * list prices of gpt-4o-mini and gpt-4.1: synchronous, synchronous with the fixed prefix cached,
 * and through the Batch API. No LLM call.
 */
export async function measureCostPerThousand(
  papers: readonly Paper[],
  taxonomyTags: ReadonlySet<string>,
): Promise<CostFigure> {
  const prompts = loadPromptTemplates();
  const counter = await loadTokenCounter('gpt-4o-mini');
  const summarizer = createOpenAiSummarizer({
    client: new OpenAI({ apiKey: 'unused', baseURL: 'http://127.0.0.1:9/v1' }),
    model: 'gpt-4o-mini',
    prompts,
    prices: DEFAULT_PRICES,
    logger: pino({ level: 'silent' }),
  });
  const fixedPromptTokens = counter.count(buildFixedPrompt(prompts, 'json_schema', taxonomyTags).text);
  const cachedTokensPerCall =
    fixedPromptTokens < CACHE_MINIMUM
      ? 0
      : CACHE_MINIMUM + Math.floor((fixedPromptTokens - CACHE_MINIMUM) / CACHE_STEP) * CACHE_STEP;
  const perPaper: Array<{ input: number; completion: number; floor: number }> = [];
  for (const paper of papers) {
    perPaper.push({
      input: await summarizer.promptTokens(paper, taxonomyTags),
      completion: counter.count(JSON.stringify(deriveBrief(paper))),
      floor: counter.count(paper.title) + counter.count(paper.abstract),
    });
  }
  const mean = (pick: (paper: (typeof perPaper)[number]) => number) =>
    perPaper.reduce((sum, paper) => sum + pick(paper), 0) / perPaper.length;
  const perThousand = (price: ModelPrice | undefined, cached: number) =>
    (1000 / perPaper.length) *
    perPaper.reduce(
      (sum, paper) =>
        sum +
        costUsd(
          { prompt_tokens: paper.input, completion_tokens: paper.completion, cached_tokens: cached },
          price,
        ),
      0,
    );
  const rows = ['gpt-4o-mini', 'gpt-4.1'].map((model) => {
    const price = priceFor(DEFAULT_PRICES, model);
    return {
      model,
      syncUsd: perThousand(price, 0),
      syncCachedUsd: perThousand(price, cachedTokensPerCall),
      batchUsd: perThousand(batchPrice(price), 0),
    };
  });
  const meanInputTokens = mean((paper) => paper.input);
  const meanTitleAbstractTokens = mean((paper) => paper.floor);
  return {
    ratio: null,
    target: null,
    encoding: counter.encoding,
    fixedPromptTokens,
    cachedTokensPerCall,
    meanInputTokens,
    meanCompletionTokens: mean((paper) => paper.completion),
    meanTitleAbstractTokens,
    inputOverFloor: meanInputTokens / meanTitleAbstractTokens,
    rows,
    corpusPapers: papers.length,
  };
}
