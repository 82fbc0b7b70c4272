import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../config.js';
import { createLogger } from '../logger.js';
import { FORMATS } from '../sources/index.js';
import { isPostgresUrl } from '../stores/index.js';
import type { Logger } from 'pino';

/** Flags that override configuration variables; every command passes what it has. */
export interface ConfigFlags {
  /** `--db`: a SQLite file, or a postgres:// URL. */
  db?: string | undefined;
  /** `--provider`. */
  provider?: string | undefined;
  /** `--concurrency`. */
  concurrency?: number | undefined;
  /** `--model` (openai provider). */
  model?: string | undefined;
  /** `--llm-mode`: auto, json_schema, json_object or tools. */
  llmMode?: string | undefined;
  /** `--max-cost`, in US dollars. */
  maxCost?: number | undefined;
  /** `--rpm`, `--tpm`: requests and tokens per minute. */
  rpm?: number | undefined;
  tpm?: number | undefined;
}

/**
 * The flags, named as the variables they replace. `--db FILE` also clears DATABASE_URL, so an
 * explicit SQLite file wins over a Postgres URL in the environment.
 */
export function configOverrides(flags: ConfigFlags): ConfigOverrides {
  const db = flags.db;
  const isPostgres = db !== undefined && isPostgresUrl(db);
  return {
    PAPERBRIEF_DB: isPostgres ? undefined : db,
    DATABASE_URL: db === undefined ? undefined : isPostgres ? db : '',
    PAPERBRIEF_PROVIDER: flags.provider,
    PAPERBRIEF_CONCURRENCY: flags.concurrency?.toString(),
    PAPERBRIEF_MODEL: flags.model,
    PAPERBRIEF_LLM_MODE: flags.llmMode,
    PAPERBRIEF_MAX_COST: flags.maxCost?.toString(),
    PAPERBRIEF_RPM: flags.rpm?.toString(),
    PAPERBRIEF_TPM: flags.tpm?.toString(),
  };
}

/**
 * The environment with the flags on top, parsed once into a frozen Config.
 * @throws ConfigError naming the variable at fault.
 */
export function loadCliConfig(flags: ConfigFlags): Config {
  return loadConfig(undefined, configOverrides(flags));
}

/**
 * pino to stderr, secrets redacted: LOG_FORMAT when set, else pretty on a terminal and plain text
 * lines otherwise, so a log line between the `failed:` lines reads like them (LOG_FORMAT=json for
 * log collectors).
 */
export function createCliLogger(config: Config, stderr: NodeJS.WriteStream): Logger {
  return createLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT ?? (stderr.isTTY === true ? 'pretty' : 'text'),
  });
}

/** commander parser for `--concurrency` and friends. */
export function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
}

/** commander parser for `--max-cost`, `--rpm` and `--tpm`. */
export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number > 0');
  return number;
}

/** commander parser for `--since`: an ISO date or date-time, else a usage error (exit 2). */
export function parseIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(new Date(value).getTime())) {
    throw new InvalidArgumentError(
      'expected an ISO date or date-time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z',
    );
  }
  return value;
}

/** `--db` (every command that reads or writes the store). */
export function addStoreOption(command: Command): Command {
  return command.option(
    '--db <file|url>',
    'SQLite file, or a postgres:// URL (env PAPERBRIEF_DB, DATABASE_URL; default ./data/paperbrief.db)',
  );
}

/** `--format` (commands that read inputs). */
export function formatOption(): Option {
  return new Option('-f, --format <format>', 'input format; auto detects it from each input')
    .choices(['auto', ...FORMATS])
    .default('auto');
}

/** `--provider` and `--concurrency` (summarize, eval, worker, enqueue); see also `addLlmOptions`. */
export function addProviderOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--provider <name>',
        'extractive (offline, the default), openai (any OpenAI-compatible server) or azure (env PAPERBRIEF_PROVIDER)',
      ).choices(['extractive', 'openai', 'azure']),
    )
    .addOption(
      new Option(
        '-c, --concurrency <n>',
        'papers summarised at once (env PAPERBRIEF_CONCURRENCY; default 4, 1 for llama.cpp and Ollama)',
      ).argParser(parsePositiveInt),
    );
}

/**
 * The openai provider's flags (summarize, eval): `--model`, `--llm-mode`, `--max-cost`, `--rpm`,
 * `--tpm`. Commands with their own meaning of `--rpm` (worker) leave these out.
 */
export function addLlmOptions(command: Command): Command {
  return command
    .option('--model <name>', 'openai: model or deployment name (env PAPERBRIEF_MODEL; default gpt-4o-mini)')
    .addOption(
      new Option(
        '--llm-mode <mode>',
        'openai: structured output as auto (default: json_schema, else tools, else json_object), json_schema, json_object or tools (env PAPERBRIEF_LLM_MODE)',
      ).choices(['auto', 'json_schema', 'json_object', 'tools']),
    )
    .addOption(
      new Option(
        '--max-cost <usd>',
        'openai: start no LLM call once the run has cost this many US dollars (env PAPERBRIEF_MAX_COST)',
      ).argParser(parsePositiveNumber),
    )
    .addOption(
      new Option('--rpm <n>', 'openai: LLM requests per minute at most (env PAPERBRIEF_RPM)').argParser(
        parsePositiveNumber,
      ),
    )
    .addOption(
      new Option('--tpm <n>', 'openai: LLM tokens per minute at most (env PAPERBRIEF_TPM)').argParser(
        parsePositiveNumber,
      ),
    );
}
