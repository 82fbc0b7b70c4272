#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError, userMessage } from '../errors.js';
import { packagePath } from '../package-root.js';
import { EXIT_CODES, type CliContext } from './cli-context.js';

/**
 * The `paperbrief` bin. The only CLI module that touches signals and `process.exit`: commands
 * get a CliContext, do their work, set `context.exitCode` and return.
 */

const stop = new AbortController();
const context: CliContext = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stopSignal: stop.signal,
  exitCode: EXIT_CODES.ok,
};

// First Ctrl-C (or SIGTERM): stop starting new papers, finish the ones in flight, print the
// summary, exit non-zero. A second one: quit at once (briefs already stored are kept).
const onSignal = (signal: NodeJS.Signals): void => {
  if (stop.signal.aborted) {
    process.stderr.write(`\npaperbrief: ${signal} again, quitting now\n`);
    process.exit(EXIT_CODES.interrupted);
  }
  process.stderr.write(
    `\npaperbrief: ${signal}: finishing the work in flight (press Ctrl-C again to quit now)\n`,
  );
  stop.abort(signal);
  const deadlineMs = context.shutdownDeadlineMs;
  if (deadlineMs !== undefined) {
    setTimeout(() => {
      process.stderr.write(`paperbrief: shutdown deadline of ${deadlineMs} ms passed, exiting now\n`);
      process.exit(EXIT_CODES.failed);
    }, deadlineMs).unref();
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// `paperbrief summarize x --out - | head`: the reader has what it wanted. Quit quietly, as Unix
// tools do on a closed pipe; every brief finished so far is already in the store.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(context.exitCode);
  throw error;
});

const program = new Command('paperbrief')
  .description('Turns a stream of research papers into structured, grounded briefs (JSONL, brief v1).')
  .version(packageVersion(), '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  })
  .addHelpText(
    'after',
    `
Examples:
  $ paperbrief summarize examples/papers.jsonl --out briefs.jsonl
  $ paperbrief summarize page.txt feed.xml --out - | jq .tldr
  $ paperbrief eval --gold gold.json page.txt
  $ paperbrief show 2406.04312
  $ paperbrief export --out all-briefs.jsonl

Configuration comes from flags and environment variables (flags win); see README.md.`,
  );

type Register = (program: Command, context: CliContext) => void;

// Each command's module is loaded only when it runs: the queue and HTTP commands pull in BullMQ,
// Fastify and bull-board, about half a second of start-up that `summarize` should not pay.
// Without a known command name (`--help`, `--version`, a typo) every command is registered.
const COMMANDS: Record<string, () => Promise<Register>> = {
  summarize: async () => (await import('./summarize-command.js')).registerSummarizeCommand,
  eval: async () => (await import('./eval-command.js')).registerEvalCommand,
  show: async () => (await import('./show-command.js')).registerShowCommand,
  export: async () => (await import('./export-command.js')).registerExportCommand,
  enqueue: async () => (await import('./enqueue-command.js')).registerEnqueueCommand,
  worker: async () => (await import('./worker-command.js')).registerWorkerCommand,
  watch: async () => (await import('./watch-command.js')).registerWatchCommand,
  jobs: async () => (await import('./jobs-command.js')).registerJobsCommand,
  serve: async () => (await import('./serve-command.js')).registerServeCommand,
  deliveries: async () => (await import('./deliveries-command.js')).registerDeliveriesCommand,
  search: async () => (await import('./search-command.js')).registerSearchCommand,
  digest: async () => (await import('./digest-command.js')).registerDigestCommand,
  batch: async () => (await import('./batch-command.js')).registerBatchCommand,
  doctor: async () => (await import('./doctor-command.js')).registerDoctorCommand,
};
const requested = process.argv[2];
const loaded =
  requested !== undefined && Object.hasOwn(COMMANDS, requested) ? [requested] : Object.keys(COMMANDS);
for (const register of await Promise.all(
  loaded.map((name) => (COMMANDS[name] as () => Promise<Register>)()),
)) {
  register(program, context);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  context.exitCode = exitCodeFor(error);
  // commander has already printed its own message (unknown flag, missing argument, --help).
  if (!(error instanceof CommanderError)) process.stderr.write(`paperbrief: ${userMessage(error)}\n`);
}
process.exit(context.exitCode);

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; usage errors with 1, which we make 2.
    return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  if (error instanceof ConfigError) return EXIT_CODES.usage;
  return EXIT_CODES.failed;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
