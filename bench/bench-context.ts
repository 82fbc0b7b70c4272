import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { loadTaxonomy, tagIds, type Taxonomy } from '../src/briefs/taxonomy.js';
import { REDACTED_PATHS } from '../src/logger.js';
import type { PipelineDeps } from '../src/pipeline.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import type { Summarizer } from '../src/summarizers/summarizer.js';

/**
 * A logger like production's (`createLogger`: info level, redaction, JSON lines) whose lines go
 * to /dev/null: the runs pay for logging as a deployed worker does without flooding the terminal.
 */
export function createBenchLogger(): Logger {
  return pino(
    { level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    pino.destination({ dest: '/dev/null', sync: false }),
  );
}

export interface BenchWorkspace {
  /** A fresh folder under the system temp dir for the run's SQLite files. */
  readonly dir: string;
  readonly taxonomy: Taxonomy;
  readonly allowedTags: ReadonlySet<string>;
  readonly logger: Logger;
  /** A unique Redis key prefix for one part of the run. */
  prefix(part: string): string;
  /** Pipeline deps with a new SQLite store file (the default store) for `summarizer`. */
  pipeline(name: string, summarizer: Summarizer): PipelineDeps;
  /** Closes the stores and deletes the folder. */
  dispose(): Promise<void>;
}

/** Everything the figures share: temp folder, bundled taxonomy, logger, per-part prefixes. */
export function createBenchWorkspace(): BenchWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'paperbrief-bench-'));
  const taxonomy = loadTaxonomy();
  const allowedTags = tagIds(taxonomy);
  const logger = createBenchLogger();
  const runId = randomUUID().slice(0, 8);
  const stores: Array<{ close(): Promise<void> }> = [];
  return {
    dir,
    taxonomy,
    allowedTags,
    logger,
    prefix: (part) => `pb-bench-${runId}-${part}`,
    pipeline(name, summarizer) {
      const store = createSqliteStore({ path: join(dir, `${name}.db`) });
      stores.push(store);
      return { summarizer, store, taxonomy, allowedTags, logger };
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
