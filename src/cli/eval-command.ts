import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Brief } from '../briefs/brief.js';
import { composeLocal } from '../compose/local.js';
import { runConcurrency } from '../compose/pipeline-parts.js';
import { ConfigError } from '../errors.js';
import {
  formatScoreTable,
  missedFloors,
  parseGold,
  scoreBriefs,
  titleKey,
  type BriefExplanation,
} from '../eval/index.js';
import type { Paper } from '../papers/paper.js';
import type { Format } from '../sources/index.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';
import {
  addLlmOptions,
  addProviderOptions,
  addStoreOption,
  createCliLogger,
  formatOption,
  loadCliConfig,
  type ConfigFlags,
} from './config-flags.js';
import { runInputs } from './run-inputs.js';

interface EvalOptions extends ConfigFlags {
  gold: string;
  format: Format | 'auto';
  force: boolean;
  details: boolean;
  checkFloors: boolean;
}

/** `paperbrief eval --gold FILE <inputs...>`: brief the inputs and score the briefs against gold. */
export function registerEvalCommand(program: Command, context: CliContext): void {
  const command = program
    .command('eval')
    .description(
      'brief the inputs (as summarize does, store and cache included) and score the briefs against gold',
    )
    .requiredOption('--gold <file>', 'gold annotations (JSON array, joined to the papers by title)')
    .argument('<inputs...>', 'input files with the gold papers, - for stdin')
    .addOption(formatOption())
    .option('--force', 'brief again papers already stored with the same provider, model and prompt', false)
    .option(
      '--details',
      'add one line per paper naming every miss of every field (with the extractive provider: why each tag was chosen, and counts of the rules that fired)',
      false,
    )
    .option('--check-floors', "exit 1 when a figure misses the project's quality floor", false)
    .addHelpText(
      'after',
      `
Prints a table to stdout: results recall and precision, dataset attribution, method name,
code URL, grounded rate, TL;DR length and cut rate, contribution type, tags precision, core
recall and tags per brief, each with its count and quality floor; the same figures as
../shared/tools/score_briefs.py. Score tags with the taxonomy the gold was made with
(PAPERBRIEF_TAXONOMY=../shared/data/taxonomy-1.json). Scoring rules: README.md.

Examples:
  $ paperbrief eval --gold ../shared/data/gold-dev.json ../shared/data/hf-daily-papers-page.txt
  $ paperbrief eval --gold gold.json page.txt --provider openai --details`,
    )
    .action(async (inputs: string[], options: EvalOptions) => {
      const config = loadCliConfig(options);
      const gold = parseGold(await readGoldFile(options.gold), options.gold);
      const deps = await composeLocal(config, createCliLogger(config, context.stderr));
      const briefs: Brief[] = [];
      const papers: Paper[] = [];
      try {
        const { exitCode } = await runInputs(context, deps, {
          inputs,
          format: options.format,
          force: options.force,
          concurrency: runConcurrency(config),
          maxConnectionFailures: config.PAPERBRIEF_MAX_CONNECTION_FAILURES,
          onBrief: (brief) => void briefs.push(brief),
          onRecord: (record) => record.kind === 'paper' && papers.push(record.paper),
          briefsToTerminal: false,
        });
        const report = scoreBriefs({ briefs, gold, papers });
        const explanations = new Map<string, BriefExplanation>();
        // The extractive rules can say why: which phrase earned each tag and which rules fired.
        if (options.details && deps.summarizer.provider === 'extractive') {
          const { explainBrief } = await import('../summarizers/extractive/explain-brief.js');
          for (const paper of papers)
            explanations.set(titleKey(paper.title), explainBrief(paper, deps.taxonomy));
        }
        context.stdout.write(`${formatScoreTable(report, { details: options.details, explanations })}\n`);
        const missed = options.checkFloors ? missedFloors(report) : [];
        if (missed.length > 0)
          context.stderr.write(`paperbrief: below the quality floor: ${missed.join(', ')}\n`);
        context.exitCode =
          exitCode !== EXIT_CODES.ok ? exitCode : missed.length > 0 ? EXIT_CODES.failed : exitCode;
      } finally {
        await deps.store.close();
      }
    });
  addProviderOptions(command);
  addLlmOptions(command);
  addStoreOption(command);
}

async function readGoldFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    // A flag naming a file that cannot be read is bad usage (exit 2), like a bad flag value.
    throw new ConfigError(
      `--gold ${path}: cannot read the gold file (${(error as NodeJS.ErrnoException).code})`,
      {
        cause: error,
      },
    );
  }
}
