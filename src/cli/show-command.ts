import type { Command } from 'commander';
import { openConfiguredStore, storeLocation } from '../compose/pipeline-parts.js';
import type { Brief } from '../briefs/brief.js';
import { PaperbriefError } from '../errors.js';
import { normaliseTitle, versionlessArxivId } from '../papers/paper-id.js';
import type { Store } from '../stores/store.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { addStoreOption, createCliLogger, loadCliConfig } from './config-flags.js';

interface ShowOptions {
  db?: string;
}

/** `paperbrief show <paper-id>`: the latest stored brief of a paper, as indented JSON. */
export function registerShowCommand(program: Command, context: CliContext): void {
  const command = program
    .command('show')
    .description('print the latest stored brief of a paper (any provider) as JSON')
    .argument(
      '<paper>',
      'arXiv id (2406.04312, 2406.04312v2, or its arxiv.org URL), a t-… title-hash id, or a unique part of the title',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief show 2406.04312
  $ paperbrief show https://arxiv.org/abs/2406.04312v2 --db ./briefs.db
  $ paperbrief show "sparse attention mechanism"`,
    )
    .action(async (requested: string, options: ShowOptions) => {
      const config = loadCliConfig(options);
      const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
      try {
        const id = versionlessArxivId(requested) ?? requested.trim();
        let brief = await store.latestForPaper(id);
        if (!brief) {
          const titled = await briefsTitled(store, requested);
          if (titled.length > 1) {
            const list = titled.map((match) => `  ${match.paper.id}  ${match.paper.title}`).join('\n');
            context.stderr.write(
              `paperbrief: ${titled.length} papers have "${requested.trim()}" in their title:\n${list}\n`,
            );
            context.exitCode = EXIT_CODES.failed;
            return;
          }
          brief = titled[0] && (await store.latestForPaper(titled[0].paper.id));
        }
        if (!brief) {
          context.stderr.write(`paperbrief: no brief stored for paper ${id} in ${storeLocation(config)}\n`);
          context.exitCode = EXIT_CODES.failed;
          return;
        }
        context.stdout.write(`${JSON.stringify(brief, null, 2)}\n`);
      } finally {
        await store.close();
      }
    });
  addStoreOption(command);
}

/**
 * One brief per paper whose normalised title contains the normalised `fragment`, found through
 * the store's search (every word of the fragment is in the title then). None for a fragment
 * without words.
 */
async function briefsTitled(store: Pick<Store, 'search'>, fragment: string): Promise<Brief[]> {
  const wanted = normaliseTitle(fragment);
  if (wanted === '') return [];
  let found: Brief[];
  try {
    found = await store.search({ q: fragment, limit: 500 });
  } catch (error) {
    if (error instanceof PaperbriefError && error.code === 'invalid_input') return [];
    throw error;
  }
  const byPaper = new Map<string, Brief>();
  for (const brief of found) {
    if (normaliseTitle(brief.paper.title).includes(wanted) && !byPaper.has(brief.paper.id)) {
      byPaper.set(brief.paper.id, brief);
    }
  }
  return [...byPaper.values()];
}
