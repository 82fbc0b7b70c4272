import { InvalidArgumentError, type Command } from 'commander';
import { openConfiguredStore } from '../compose/pipeline-parts.js';
import type { CliContext } from './cli-context.js';
import { addStoreOption, createCliLogger, loadCliConfig } from './config-flags.js';

interface SearchOptions {
  tag?: string;
  since?: string;
  limit: number;
  json?: boolean;
  db?: string;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new InvalidArgumentError('expected 1 to 500');
  return limit;
}

/** `paperbrief search WORDS...`: full-text search of the stored briefs, best match first. */
export function registerSearchCommand(program: Command, context: CliContext): void {
  const command = program
    .command('search')
    .description('search the stored briefs (title, method, TL;DR, tags, evidence), best match first')
    .argument('<words...>', 'every word must match, as a word or the start of one')
    .option('--tag <tag>', 'only briefs carrying this tag')
    .option('--since <iso-date>', 'only briefs stored at or after this date-time')
    .option('--limit <n>', 'how many matches (1 to 500)', parseLimit, 20)
    .option('--json', 'print the matching briefs as JSONL instead of a list')
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief search sparse attention
  $ paperbrief search diffus --tag image-generation --json | jq .paper.id`,
    )
    .action(async (words: string[], options: SearchOptions) => {
      const config = loadCliConfig(options);
      const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
      try {
        const briefs = await store.search({
          q: words.join(' '),
          tag: options.tag,
          since: options.since,
          limit: options.limit,
        });
        for (const brief of briefs) {
          if (options.json) {
            context.stdout.write(`${JSON.stringify(brief)}\n`);
          } else {
            context.stdout.write(`${brief.paper.id}  ${brief.paper.title}\n    ${brief.tldr}\n`);
          }
        }
        context.stderr.write(`paperbrief: ${briefs.length} match${briefs.length === 1 ? '' : 'es'}\n`);
      } finally {
        await store.close();
      }
    });
  addStoreOption(command);
}
