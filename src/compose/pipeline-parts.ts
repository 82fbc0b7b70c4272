import type { Logger } from 'pino';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, type Taxonomy } from '../briefs/taxonomy.js';
import { resolveProvider, type Config } from '../config.js';
import { ConfigError, StoreError } from '../errors.js';
import { isPostgresUrl, openStore } from '../stores/index.js';
import type { RateLimiter } from '../cost/rate-limiter.js';
import type { Store } from '../stores/store.js';
import { createExtractiveSummarizer, extractivePromptVersion } from '../summarizers/extractive/index.js';
import { loadPromptTemplates } from '../summarizers/openai/prompt-templates.js';
import type { Summarizer, SummarizerIdentity } from '../summarizers/summarizer.js';
import {
  DEFAULT_OPENAI_MODEL,
  configuredServerProfile,
  openAiSummarizerFromConfig,
} from './openai-summarizer.js';

/**
 * The pieces every entry point builds from a Config: store, taxonomy, summarizer, and the
 * summarizer's identity for producers. Part of the composition root (src/compose/): the only
 * folder, with src/cli/, that reads a Config.
 */

/** Where briefs are kept: a postgres:// DATABASE_URL selects Postgres, else the SQLite file. */
export function storeLocation(config: Config): string {
  const url = config.DATABASE_URL;
  if (url === undefined) return config.PAPERBRIEF_DB;
  if (!isPostgresUrl(url)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for SQLite)');
  }
  return url;
}

/**
 * Opens the configured store (migrations run on open).
 * @throws StoreError when it cannot be opened; ConfigError for a bad DATABASE_URL.
 */
export async function openConfiguredStore(config: Config, logger: Logger): Promise<Store> {
  const location = storeLocation(config);
  try {
    return await openStore(location, { logger });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    // Name the setting to fix; the URL itself may hold a password.
    const variable = config.DATABASE_URL === undefined ? `PAPERBRIEF_DB (--db) ${location}` : 'DATABASE_URL';
    throw new StoreError(error.code, `cannot open the store at ${variable}: ${error.message}`, {
      retryable: error.retryable,
      cause: error,
    });
  }
}

/**
 * The taxonomy file (PAPERBRIEF_TAXONOMY, else the bundled prompts/taxonomy.json).
 * @throws ConfigError naming the file and its first problem.
 */
export function loadConfiguredTaxonomy(config: Config): Taxonomy {
  return loadTaxonomy(config.PAPERBRIEF_TAXONOMY ?? DEFAULT_TAXONOMY_PATH);
}

/**
 * The configured summarizer: extractive by default, openai when chosen or when an API key or
 * base URL is set (see `resolveProvider`).
 * @throws ConfigError when the chosen provider cannot be built from the configuration.
 */
export function createConfiguredSummarizer(
  config: Config,
  logger: Logger,
  options: { rateLimiter?: RateLimiter | undefined } = {},
): Summarizer {
  const provider = resolveProvider(config);
  switch (provider) {
    case 'extractive':
      return createExtractiveSummarizer({ maxTags: config.PAPERBRIEF_MAX_TAGS });
    case 'openai':
    case 'azure':
      return openAiSummarizerFromConfig(config, { logger, provider, rateLimiter: options.rateLimiter });
  }
}

/**
 * Papers summarised at once: PAPERBRIEF_CONCURRENCY (`--concurrency`), else the LLM server
 * profile's default (1 for llama.cpp and Ollama), else 4.
 */
export function runConcurrency(config: Config): number {
  if (config.PAPERBRIEF_CONCURRENCY !== undefined) return config.PAPERBRIEF_CONCURRENCY;
  const provider = resolveProvider(config);
  return provider === 'extractive' ? 4 : configuredServerProfile(config, provider).concurrency;
}

/**
 * The provider, model and prompt version the workers of this Config brief with: what producers
 * (enqueue, the HTTP API) need for job ids and "already briefed?" checks, without building a
 * summarizer. Agrees with `createConfiguredSummarizer` (test/compose/pipeline-parts.test.ts).
 * @throws ConfigError for an unreadable prompt template.
 */
export function configuredIdentity(config: Config): SummarizerIdentity {
  const provider = resolveProvider(config);
  switch (provider) {
    case 'extractive':
      return {
        provider,
        model: 'extractive-v1',
        promptVersion: extractivePromptVersion(config.PAPERBRIEF_MAX_TAGS),
      };
    case 'openai':
    case 'azure':
      return {
        provider,
        model: config.PAPERBRIEF_MODEL ?? DEFAULT_OPENAI_MODEL,
        promptVersion: loadPromptTemplates({ dir: config.PAPERBRIEF_PROMPTS_DIR }).version,
      };
  }
}
