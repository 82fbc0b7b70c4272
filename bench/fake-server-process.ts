import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER_SCRIPT = fileURLToPath(new URL('../scripts/fake-llm-server.ts', import.meta.url));
/** How long the server may take to print its URL (tsx compiles it first), in milliseconds. */
const START_TIMEOUT_MS = 30_000;

export interface FakeServerProcess {
  /** `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  /** Stops the server (SIGINT, which it handles) and waits for the process to exit. */
  close(): Promise<void>;
}

/**
 * Starts scripts/fake-llm-server.ts in its own process, as a remote LLM would be: its CPU is
 * not this process's, so the profile and the figures show the client side only. Every answer is
 * valid (no `--mix`).
 * @throws Error when the server does not print its URL in time or exits first.
 */
export async function startFakeServerProcess(options: { latencyMs: number }): Promise<FakeServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SERVER_SCRIPT, '--port', '0', '--latency-ms', String(options.latencyMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Kept for the error message only: the server's own goodbye line would clutter the table.
  let errorOutput = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errorOutput = (errorOutput + chunk.toString('utf8')).slice(-2000);
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  try {
    const [line] = (await Promise.race([
      once(lines, 'line'),
      exited.then(() => {
        throw new Error(`the fake LLM server exited before printing its URL: ${errorOutput}`);
      }),
    ])) as [string];
    if (!/^http:\/\/127\.0\.0\.1:\d+\/v1$/.test(line)) throw new Error(`unexpected server output: ${line}`);
    return {
      baseUrl: line,
      async close() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT');
          await exited;
        }
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
