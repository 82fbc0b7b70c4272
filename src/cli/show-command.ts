import type { Command } from 'commander';
import { openConfiguredStore, storeLocation } from '../compose/pipeline-parts.js';
import { versionlessArxivId } from '../papers/paper-id.js';
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
      '<paper-id>',
      'arXiv id (2406.04312, 2406.04312v2, or its arxiv.org URL) or a t-… title-hash id',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief show 2406.04312
  $ paperbrief show https://arxiv.org/abs/2406.04312v2 --db ./briefs.db`,
    )
    .action(async (requested: string, options: ShowOptions) => {
      const config = loadCliConfig(options);
      const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
      try {
        const id = versionlessArxivId(requested) ?? requested.trim();
        const brief = await store.latestForPaper(id);
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
