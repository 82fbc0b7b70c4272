import type { Logger } from 'pino';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, tagIds, type Taxonomy } from './briefs/taxonomy.js';
import { resolveProvider, type Config } from './config.js';
import { ConfigError } from './errors.js';
import type { PipelineDeps } from './pipeline.js';
import { isPostgresUrl, openStore } from './stores/index.js';
import type { Store } from './stores/store.js';
import { createExtractiveSummarizer } from './summarizers/extractive/index.js';
import { openAiSummarizerFromConfig } from './summarizers/openai/index.js';
import type { Summarizer } from './summarizers/summarizer.js';

/**
 * Builds the parts the pipeline needs from a Config: the one place that turns configuration into
 * objects, shared by the CLI, the workers and the HTTP server.
 */

/** Everything `summarizePaper` needs. The caller owns it and must `store.close()` it. */
export type Deps = PipelineDeps;

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
  return openStore(storeLocation(config), { logger });
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
export function createConfiguredSummarizer(config: Config, logger: Logger): Summarizer {
  const provider = resolveProvider(config);
  switch (provider) {
    case 'extractive':
      return createExtractiveSummarizer();
    case 'openai':
      return openAiSummarizerFromConfig(config, { logger });
  }
}

/**
 * Everything a run needs, from one Config. Opens the store last, so a configuration error
 * leaves nothing open.
 * @throws ConfigError, StoreError.
 */
export async function createDeps(config: Config, logger: Logger): Promise<Deps> {
  const taxonomy = loadConfiguredTaxonomy(config);
  const summarizer = createConfiguredSummarizer(config, logger);
  const store = await openConfiguredStore(config, logger);
  return { store, summarizer, taxonomy, allowedTags: tagIds(taxonomy), logger };
}
