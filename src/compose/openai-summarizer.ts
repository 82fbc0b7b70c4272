import OpenAI, { AzureOpenAI } from 'openai';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createBudget } from '../cost/budget.js';
import { loadPriceTable } from '../cost/price-table.js';
import { createRateLimiter, type RateLimiter } from '../cost/rate-limiter.js';
import { ConfigError } from '../errors.js';
import { createOpenAiSummarizer, type OpenAiSummarizer } from '../summarizers/openai/openai-summarizer.js';
import { loadPromptTemplates } from '../summarizers/openai/prompt-templates.js';
import { detectLlmServer, serverProfile, type ServerProfile } from '../summarizers/openai/server-profile.js';

/** The model used when `PAPERBRIEF_MODEL` (or `--model`) is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export type OpenAiConfig = Pick<
  Config,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'AZURE_OPENAI_ENDPOINT'
  | 'AZURE_OPENAI_API_KEY'
  | 'OPENAI_API_VERSION'
  | 'PAPERBRIEF_LLM_SERVER'
  | 'PAPERBRIEF_CONCURRENCY'
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

/** Which LLM provider a config selects. */
export type LlmProvider = 'openai' | 'azure';

/** The server profile in force: `PAPERBRIEF_LLM_SERVER`, else azure for the azure provider, else detected. */
export function configuredServerProfile(
  config: Pick<OpenAiConfig, 'PAPERBRIEF_LLM_SERVER' | 'OPENAI_BASE_URL'>,
  provider: LlmProvider = 'openai',
): ServerProfile {
  const server =
    config.PAPERBRIEF_LLM_SERVER ??
    (provider === 'azure' ? 'azure' : detectLlmServer(config.OPENAI_BASE_URL));
  return serverProfile(server);
}

/**
 * An `openai` client for any OpenAI-compatible server, or the package's own `AzureOpenAI` client
 * for `azure` (deployment URLs, `api-version`, the `api-key` header). `maxRetries: 0`: the runner
 * (or BullMQ) owns retries, and SDK retries underneath would multiply its waits. Local servers
 * (Ollama, vLLM, llama.cpp) need no key; the SDK insists on one, so a placeholder is sent.
 * @throws ConfigError naming the variable that is missing.
 */
export function createOpenAiClient(config: OpenAiConfig, provider: LlmProvider = 'openai'): OpenAI {
  const timeout = config.PAPERBRIEF_LLM_TIMEOUT_MS ?? configuredServerProfile(config, provider).timeoutMs;
  if (provider === 'azure') {
    const missing = (['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'OPENAI_API_VERSION'] as const).filter(
      (name) => !config[name],
    );
    if (missing.length > 0) {
      throw new ConfigError(
        `the azure provider needs ${missing.join(', ')} (see README "Use with Azure OpenAI")`,
      );
    }
    // baseURL null: the SDK would otherwise read OPENAI_BASE_URL from the environment itself.
    return new AzureOpenAI({
      baseURL: null,
      endpoint: config.AZURE_OPENAI_ENDPOINT!,
      apiKey: config.AZURE_OPENAI_API_KEY!,
      apiVersion: config.OPENAI_API_VERSION!,
      timeout,
      maxRetries: 0,
    });
  }
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new ConfigError('the openai provider needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server');
  }
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY ?? 'no-key',
    baseURL: config.OPENAI_BASE_URL ?? null,
    timeout,
    maxRetries: 0,
  });
}

/**
 * The openai (or azure) provider wired from configuration: client, server profile, prompt
 * templates, price table, and the run's budget and rate limiter when `PAPERBRIEF_MAX_COST` /
 * `PAPERBRIEF_RPM` / `PAPERBRIEF_TPM` are set. One summarizer per run (or worker): the budget,
 * limiter, output mode and adaptive concurrency are shared by all its calls.
 * @throws ConfigError for a missing key, an unreadable prompt template or price file.
 */
export function openAiSummarizerFromConfig(
  config: OpenAiConfig,
  deps: {
    logger: Logger;
    provider?: LlmProvider;
    /** Replaces the per-process limiter (workers share one in Redis). */
    rateLimiter?: RateLimiter | undefined;
  },
): OpenAiSummarizer {
  const provider = deps.provider ?? 'openai';
  const profile = configuredServerProfile(config, provider);
  const summarizer = createOpenAiSummarizer({
    client: createOpenAiClient(config, provider),
    model: config.PAPERBRIEF_MODEL ?? DEFAULT_OPENAI_MODEL,
    mode: config.PAPERBRIEF_LLM_MODE,
    format: { keepLengthLimits: profile.keepLengthLimits, toolChoice: profile.toolChoice },
    concurrency: {
      max: config.PAPERBRIEF_CONCURRENCY ?? profile.concurrency,
      timeoutMs: config.PAPERBRIEF_LLM_TIMEOUT_MS ?? profile.timeoutMs,
    },
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
  // The provider is part of the store key: Azure briefs are kept apart from OpenAI's.
  return provider === 'azure' ? { ...summarizer, provider: 'azure' } : summarizer;
}
