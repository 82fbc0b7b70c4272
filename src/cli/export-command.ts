import { Option, type Command } from 'commander';
import { tagIds } from '../briefs/taxonomy.js';
import { loadConfiguredTaxonomy, openConfiguredStore } from '../compose/pipeline-parts.js';
import { openJsonlWriter } from '../runner/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import { addStoreOption, createCliLogger, loadCliConfig, parseIsoDate } from './config-flags.js';

interface ExportOptions {
  out: string;
  tag?: string;
  since?: string;
  db?: string;
}

/** Briefs read from the store per page; large enough to be quick, small enough to stay light. */
const PAGE_SIZE = 500;

/** `paperbrief export --out FILE`: every stored brief as JSONL, oldest first. */
export function registerExportCommand(program: Command, context: CliContext): void {
  const command = program
    .command('export')
    .description('write the stored briefs as JSONL (one brief v1 per line, in stored order)')
    .option('-o, --out <file>', 'JSONL file to write, or - for standard output', '-')
    .option('--tag <tag>', 'only briefs carrying this tag')
    .addOption(
      new Option('--since <iso-date>', 'only briefs stored at or after this date-time').argParser(
        parseIsoDate,
      ),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ paperbrief export --out all-briefs.jsonl
  $ paperbrief export --tag diffusion-models --since 2026-01-01 --out -`,
    )
    .action(async (options: ExportOptions) => {
      const config = loadCliConfig(options);
      if (options.tag !== undefined && !tagIds(loadConfiguredTaxonomy(config)).has(options.tag)) {
        // Not an error: briefs stored under an older taxonomy may still carry the tag.
        context.stderr.write(
          `paperbrief: warning: --tag ${options.tag} is not in the taxonomy ` +
            `(${config.PAPERBRIEF_TAXONOMY ?? 'prompts/taxonomy.json'}); briefs made with it never carry this tag\n`,
        );
      }
      const store = await openConfiguredStore(config, createCliLogger(config, context.stderr));
      try {
        const writer = await openJsonlWriter(options.out, context.stdout);
        let exported = 0;
        let cursor: string | undefined;
        do {
          const page = await store.list({ tag: options.tag, since: options.since, limit: PAGE_SIZE, cursor });
          for (const brief of page.briefs) await writer.write(brief);
          exported += page.briefs.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined && !context.stopSignal.aborted);
        await writer.close();
        if (context.stopSignal.aborted) context.exitCode = EXIT_CODES.interrupted;
        const where = options.out === '-' ? 'standard output' : options.out;
        context.stderr.write(`paperbrief: exported ${exported} brief(s) to ${where}\n`);
      } finally {
        await store.close();
      }
    });
  addStoreOption(command);
}
