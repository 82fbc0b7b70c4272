import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the built bin the tests run. */
export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const CLI_PATH = join(PROJECT_ROOT, 'dist/src/cli/main.js');
/** The shared reference data beside the project (`../shared/data`), absent on some machines. */
export const SHARED_DATA = resolve(PROJECT_ROOT, '../shared/data');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Text printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<CliResult>;
}

/**
 * The environment of a CLI run: the test's own, without anything that would pick an LLM provider
 * or another database, plus `env`.
 */
export function cliEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of Object.keys(base)) {
    if (/^(OPENAI_|PAPERBRIEF_|DATABASE_URL$|REDIS_URL$|LOG_LEVEL$)/.test(name)) delete base[name];
  }
  return { ...base, LOG_LEVEL: 'warn', ...env };
}

export interface CliOptions {
  env?: Record<string, string>;
  /** @default the project root */
  cwd?: string;
  /** A file fed to standard input. @default none */
  stdin?: string;
}

/** Starts `node dist/src/cli/main.js ...args`. */
export function startCli(args: string[], options: CliOptions = {}): CliRun {
  const stdin = options.stdin === undefined ? 'ignore' : openSync(options.stdin, 'r');
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: cliEnv(options.env),
    stdio: [stdin, 'pipe', 'pipe'],
  });
  if (typeof stdin === 'number') closeSync(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

/** Runs the CLI to the end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A fresh temporary folder and a function removing it. */
export function tempFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `paperbrief-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Lines of a JSONL text, parsed. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** Newest modification time of the files below `folder`, in milliseconds. */
function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The CLI tests run the built bin, as a user does. `npm test` builds it first (pretest); when
 * the tests run another way (`npx vitest run test/cli`), build it here if it is missing or older
 * than a source file.
 */
export function ensureCliBuilt(): void {
  if (existsSync(CLI_PATH) && statSync(CLI_PATH).mtimeMs >= newestMtime(join(PROJECT_ROOT, 'src'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}
