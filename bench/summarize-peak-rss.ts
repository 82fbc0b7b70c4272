import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface SummarizeRun {
  code: number | null;
  /** Peak resident set size of the CLI process, in megabytes (bench/report-max-rss.mjs). */
  peakRssMb: number;
  /** The last 20,000 characters of its stderr. */
  output: string;
  elapsedMs: number;
}

/**
 * Runs `paperbrief summarize <input> --out /dev/null` from source (tsx) with the offline
 * summarizer and a SQLite file in `folder`, and reads its peak RSS as it exits.
 */
export async function summarizePeakRss(input: string, folder: string, label: string): Promise<SummarizeRun> {
  const rssFile = join(folder, `${label}.max-rss`);
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './bench/report-max-rss.mjs',
      'src/cli/main.ts',
      'summarize',
      input,
      '--out',
      '/dev/null',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PAPERBRIEF_MAX_RSS_FILE: rssFile,
        PAPERBRIEF_DB: join(folder, `${label}.db`),
        DATABASE_URL: '',
        PAPERBRIEF_PROVIDER: 'extractive',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return {
    code,
    peakRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024,
    output,
    elapsedMs: performance.now() - startedAt,
  };
}
