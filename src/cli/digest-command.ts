import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { openConfiguredStore } from '../compose/pipeline-parts.js';
import {
  collectDigest,
  digestHtml,
  digestMarkdown,
  groupDigest,
  resolveSince,
  type DigestGrouping,
} from '../digest/index.js';
import type { CliContext } from './cli-context.js';
import { addStoreOption, createCliLogger, loadCliConfig } from './config-flags.js';

interface DigestOptions {
  since: string;
  publishedSince?: string;
  tag?: string;
  format: 'md' | 'html';
  groupBy: DigestGrouping;
  out: string;
  db?: string;
}

/** `paperbrief digest`: the briefs made in a period, as Markdown or an HTML e-mail body. */
export function registerDigestCommand(program: Command, context: CliContext): void {
  const command = program
    .command('digest')
    .description('write the briefs made in a period as a Markdown or HTML digest, grouped by date or tag')
    .option('--since <span|date>', 'briefs made in the last 12h, 1d, 2w… or since an ISO date', '1d')
    .option('--published-since <date>', "only papers published on or after this date (the papers' own dates)")
    .option('--tag <tag>', 'only briefs carrying this tag')
    .addOption(
      new Option('--format <format>', 'md (Markdown) or html (a self-contained e-mail body)')
        .choices(['md', 'html'])
        .default('md'),
    )
    .addOption(
      new Option(
        '--group-by <grouping>',
        "sections by the day briefs were made, or by each brief's first tag",
      )
        .choices(['date', 'tag'])
        .default('date'),
    )
    .option('-o, --out <file>', 'file to write, or - for standard output', '-')
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief digest                                   # the last day, Markdown, to standard output
  $ paperbrief digest --since 7d --group-by tag --format html --out digest.html
  $ paperbrief digest --since 2026-01-01 --published-since 2025-12-15 --tag diffusion-models`,
    )
    .action(async (options: DigestOptions) => {
      const config = loadCliConfig(options);
      const now = new Date();
      const since = resolveSince(options.since, now);
      const publishedSince =
        options.publishedSince === undefined
          ? undefined
          : resolveSince(options.publishedSince, now, '--published-since').slice(0, 10);
      const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
      try {
        const briefs = await collectDigest(store, { since, publishedSince, tag: options.tag });
        const heading = `${briefs.length} brief${briefs.length === 1 ? '' : 's'} since ${since.slice(0, 16).replace('T', ' ')} UTC${options.tag ? `, tagged ${options.tag}` : ''}`;
        const digest = { heading, sections: groupDigest(briefs, options.groupBy), grouping: options.groupBy };
        const text = options.format === 'html' ? digestHtml(digest) : digestMarkdown(digest);
        if (options.out === '-') {
          context.stdout.write(text);
        } else {
          await mkdir(dirname(options.out), { recursive: true });
          await writeFile(options.out, text);
          context.stderr.write(`paperbrief: digest of ${briefs.length} brief(s) written to ${options.out}\n`);
        }
      } finally {
        await store.close();
      }
    });
  addStoreOption(command);
}
