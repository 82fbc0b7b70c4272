import { planRun } from '../batch/index.js';
import type { Config } from '../config.js';
import { composeBatch } from '../compose/batch.js';
import type { Format } from '../sources/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { createCliLogger } from './config-flags.js';
import { formatCostEstimate } from './print-cost-estimate.js';
import { readPapers } from './read-papers.js';

/**
 * `summarize --dry-run`: reads the inputs, counts each paper's tokens over the real prompt and
 * prints what the run would brief and cost, synchronously and as a batch. No LLM call.
 * Returns the exit code: 0, or 1 when a record could not be read.
 */
export async function previewCost(
  context: CliContext,
  config: Config,
  inputs: readonly string[],
  options: { format: Format | 'auto'; force: boolean },
): Promise<number> {
  const deps = await composeBatch(config, createCliLogger(config, context.stderr));
  try {
    const read = await readPapers(context, inputs, options.format);
    const plan = await planRun(read.papers, deps, { force: options.force, skipWaiting: false });
    context.stderr.write(
      formatCostEstimate(
        { toBrief: plan.toBrief.length, stored: plan.stored, model: deps.summarizer.model },
        plan.estimate,
      ),
    );
    return read.failed > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
  } finally {
    await deps.close();
  }
}
