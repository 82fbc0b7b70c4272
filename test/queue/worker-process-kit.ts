import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../../src/papers/paper.js';

/** Runs the real worker entrypoint and CLI as child processes (through tsx: always the source). */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildRun {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/** `workers/summarize.ts` with `env` on top of the test's environment. */
export function spawnSummarizeWorker(env: NodeJS.ProcessEnv): ChildRun {
  return run(['workers/summarize.ts'], env);
}

/** `paperbrief <args>` from source as a long-running child (`serve`, `worker`). */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildRun {
  return run(['src/cli/main.ts', ...args], env);
}

/** `paperbrief <args>` from source; resolves once it exits. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const cli = run(['src/cli/main.ts', ...args], env);
  const { code } = await cli.exited;
  return { code, output: cli.output() };
}

/** A temporary folder holding `papers.jsonl` and the SQLite file the processes share. */
export function workFolder(papers: readonly Paper[]): {
  folder: string;
  papersFile: string;
  dbFile: string;
  dispose(): void;
} {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-processes-'));
  const papersFile = join(folder, 'papers.jsonl');
  writeFileSync(papersFile, papers.map((paper) => JSON.stringify(paper)).join('\n') + '\n');
  return {
    folder,
    papersFile,
    dbFile: join(folder, 'briefs.db'),
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}
