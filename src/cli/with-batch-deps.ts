import { InvalidInputError } from '../errors.js';
import type { BatchDeps, BatchStoreDeps } from '../batch/index.js';
import { composeBatch, composeBatchStore } from '../compose/batch.js';
import type { Config } from '../config.js';
import type { BatchSummary } from '../stores/batch-records.js';
import type { CliContext } from './cli-context.js';
import { createCliLogger, loadCliConfig, type ConfigFlags } from './config-flags.js';

/** Runs a `batch` subcommand with the provider, store and summarizer composed, closing them after. */
export async function withBatchDeps(
  context: CliContext,
  flags: ConfigFlags,
  run: (deps: BatchDeps, config: Config) => Promise<void>,
  options: { deliveries?: boolean } = {},
): Promise<void> {
  const config = loadCliConfig(flags);
  const deps = await composeBatch(config, createCliLogger(config, context.stderr), options);
  try {
    await run(deps, config);
  } finally {
    await deps.close();
  }
}

/** The read-only commands: the store alone, no provider or key needed. */
export async function withBatchStore(
  context: CliContext,
  flags: ConfigFlags,
  run: (deps: BatchStoreDeps) => Promise<void>,
): Promise<void> {
  const config = loadCliConfig(flags);
  const deps = await composeBatchStore(config, createCliLogger(config, context.stderr));
  try {
    await run(deps);
  } finally {
    await deps.close();
  }
}

/**
 * The stored batch with this id (`batch_…` or `pbb-…`).
 * @throws InvalidInputError when the store has no such batch.
 */
export async function knownBatch(deps: BatchStoreDeps, id: string): Promise<BatchSummary> {
  const found = await deps.store.getBatch(id);
  if (!found) throw new InvalidInputError(`no batch ${id} in the store (see paperbrief batch list)`);
  return found;
}

/** The name a batch is shown by: the provider's id once it has one, else ours. */
export const nameOf = (one: BatchSummary) => one.providerBatchId ?? one.id;
