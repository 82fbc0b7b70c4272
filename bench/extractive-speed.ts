import type { Paper } from '../src/papers/paper.js';
import { createExtractiveSummarizer } from '../src/summarizers/extractive/index.js';
import type { BenchWorkspace } from './bench-context.js';

export interface ExtractiveSpeedFigure {
  /** No baseline: B4 reports speed and cost, not a ratio. */
  ratio: null;
  target: null;
  papers: number;
  papersPerSecond: number;
  /** User + system CPU of this process per paper. */
  cpuMsPerPaper: number;
  elapsedMs: number;
}

/**
 * B4: the offline summarizer alone (no store, no queue) over `papers`, after one warm-up pass
 * over `warmup` so the JIT has settled; wall time and this process's CPU time per paper.
 */
export async function measureExtractiveSpeed(
  workspace: BenchWorkspace,
  options: { papers: readonly Paper[]; warmup: readonly Paper[] },
): Promise<ExtractiveSpeedFigure> {
  const summarizer = createExtractiveSummarizer();
  const context = { taxonomy: workspace.taxonomy, allowedTags: workspace.allowedTags };
  for (const paper of options.warmup) await summarizer.summarize(paper, context);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (const paper of options.papers) await summarizer.summarize(paper, context);
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ratio: null,
    target: null,
    papers: options.papers.length,
    papersPerSecond: (options.papers.length * 1000) / elapsedMs,
    cpuMsPerPaper: (cpu.user + cpu.system) / 1000 / options.papers.length,
    elapsedMs,
  };
}
