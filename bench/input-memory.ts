import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeJsonl } from './large-jsonl.js';
import { summarizePeakRss } from './summarize-peak-rss.js';

/** B9: how the peak memory of `summarize` grows with the size of a JSON Lines input. */
export interface InputMemoryFigure {
  /** Peak RSS on the large input over peak RSS on the small one (same run, same code). */
  ratio: number;
  /** At most this: the input grows 100×, peak memory may at most double. */
  target: number;
  smallMb: number;
  largeMb: number;
  peakSmallMb: number;
  peakLargeMb: number;
  papersLarge: number;
  elapsedLargeS: number;
}

/**
 * Briefs a small (largeMb / 100) and a large JSON Lines file with `paperbrief summarize` in
 * child processes and compares their peak RSS. Streaming readers keep the ratio near 1; a reader
 * holding the input whole makes it grow with the file (the issue saw 514–923 MB for 200 MB).
 * @throws when a run does not exit 0.
 */
export async function measureInputMemory(options: { largeMb: number }): Promise<InputMemoryFigure> {
  const folder = mkdtempSync(join(tmpdir(), 'pb-bench-input-'));
  try {
    const smallMb = options.largeMb / 100;
    const small = join(folder, 'small.jsonl');
    const large = join(folder, 'large.jsonl');
    await writeLargeJsonl(small, smallMb * 1e6);
    const papersLarge = await writeLargeJsonl(large, options.largeMb * 1e6);
    const smallRun = await summarizePeakRss(small, folder, 'small');
    const largeRun = await summarizePeakRss(large, folder, 'large');
    for (const run of [smallRun, largeRun]) {
      if (run.code !== 0) throw new Error(`summarize exited ${run.code}: ${run.output.slice(-500)}`);
    }
    return {
      ratio: largeRun.peakRssMb / smallRun.peakRssMb,
      target: 2,
      smallMb,
      largeMb: options.largeMb,
      peakSmallMb: smallRun.peakRssMb,
      peakLargeMb: largeRun.peakRssMb,
      papersLarge,
      elapsedLargeS: largeRun.elapsedMs / 1000,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// `npx tsx bench/input-memory.ts [MB]`: this figure alone (default 200 MB).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figure = await measureInputMemory({ largeMb: Number(process.argv[2] ?? 200) });
  console.log(JSON.stringify(figure, null, 2));
}
