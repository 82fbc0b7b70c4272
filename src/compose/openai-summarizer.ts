import OpenAI from 'openai';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createBudget } from '../cost/budget.js';
import { loadPriceTable } from '../cost/price-table.js';
import { createRateLimiter, type RateLimiter } from '../cost/rate-limiter.js';
import { ConfigError } from '../errors.js';
import { createOpenAiSummarizer, type OpenAiSummarizer } from '../summarizers/openai/openai-summarizer.js';
import { loadPromptTemplates } from '../summarizers/openai/prompt-templates.js';

/** The model used when `PAPERBRIEF_MODEL` (or `--model`) is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export type OpenAiConfig = Pick<
  Config,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'PAPERBRIEF_MODEL'
  | 'PAPERBRIEF_LLM_MODE'
  | 'PAPERBRIEF_PROMPTS_DIR'
  | 'PAPERBRIEF_PRICES'
  | 'PAPERBRIEF_MAX_COST'
  | 'PAPERBRIEF_RPM'
  | 'PAPERBRIEF_TPM'
  | 'PAPERBRIEF_LLM_TIMEOUT_MS'
  | 'PAPERBRIEF_MAX_REPAIRS'
  | 'PAPERBRIEF_MAX_TOKENS'
  | 'PAPERBRIEF_MAX_TAGS'
>;

/**
 * An `openai` client for any OpenAI-compatible server. `maxRetries: 0`: the runner (or BullMQ)
 * owns retries, and SDK retries underneath would multiply its waits. Local servers (Ollama,
 * vLLM, llama.cpp) need no key; the SDK insists on one, so a placeholder is sent.
 * @throws ConfigError when neither a key nor a base URL is set.
 */
export function createOpenAiClient(
  config: Pick<OpenAiConfig, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'PAPERBRIEF_LLM_TIMEOUT_MS'>,
): OpenAI {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new ConfigError('the openai provider needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server');
  }
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY ?? 'no-key',
    baseURL: config.OPENAI_BASE_URL ?? null,
    timeout: config.PAPERBRIEF_LLM_TIMEOUT_MS,
    maxRetries: 0,
  });
}

/**
 * The openai provider wired from configuration: client, prompt templates, price table, and the
 * run's budget and rate limiter when `PAPERBRIEF_MAX_COST` / `PAPERBRIEF_RPM` / `PAPERBRIEF_TPM`
 * are set. One summarizer per run: the budget and limiter are shared by all its calls.
 * @throws ConfigError for a missing key, an unreadable prompt template or price file.
 */
export function openAiSummarizerFromConfig(
  config: OpenAiConfig,
  deps: {
    logger: Logger;
    /** Replaces the per-process limiter (workers share one in Redis). */ rateLimiter?:
      RateLimiter | undefined;
  },
): OpenAiSummarizer {
  return createOpenAiSummarizer({
    client: createOpenAiClient(config),
    model: config.PAPERBRIEF_MODEL ?? DEFAULT_OPENAI_MODEL,
    mode: config.PAPERBRIEF_LLM_MODE,
    prompts: loadPromptTemplates({ dir: config.PAPERBRIEF_PROMPTS_DIR }),
    maxRepairs: config.PAPERBRIEF_MAX_REPAIRS,
    maxTokens: config.PAPERBRIEF_MAX_TOKENS,
    maxTags: config.PAPERBRIEF_MAX_TAGS,
    budget:
      config.PAPERBRIEF_MAX_COST === undefined
        ? undefined
        : createBudget({ maxCostUsd: config.PAPERBRIEF_MAX_COST }),
    rateLimiter:
      deps.rateLimiter ??
      (config.PAPERBRIEF_RPM === undefined && config.PAPERBRIEF_TPM === undefined
        ? undefined
        : createRateLimiter({ rpm: config.PAPERBRIEF_RPM, tpm: config.PAPERBRIEF_TPM })),
    prices: loadPriceTable(config.PAPERBRIEF_PRICES),
    logger: deps.logger,
  });
}
