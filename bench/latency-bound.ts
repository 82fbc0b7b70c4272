import type { Paper } from '../src/papers/paper.js';
import type { BenchWorkspace } from './bench-context.js';
import { startFakeServerProcess } from './fake-server-process.js';
import { runLocalMode } from './llm-plumbing.js';

/** Fake server latency of B3, in milliseconds. */
export const B3_LATENCY_MS = 200;
/** Papers in flight in B3. */
export const B3_CONCURRENCY = 64;

export interface LatencyBoundFigure {
  ratio: number;
  target: number;
  papers: number;
  concurrency: number;
  latencyMs: number;
  papersPerSecond: number;
  /** `concurrency / latency`: what a pipeline costing nothing would reach. */
  idealPapersPerSecond: number;
  elapsedMs: number;
  failed: number;
  /** Client CPU per paper: above 1000 / ideal papers per second, one core cannot keep up. */
  cpuMsPerPaper: number;
}

/**
 * B3: local mode against the fake server answering after 200 ms, 64 papers in flight:
 * achieved papers/s over 64 / 0.2 s. What is lost is our per-paper CPU, the run's ramp-up and
 * tail, and HTTP connection set-up; the paper count is a whole number of waves of 64.
 * @throws when the fake server cannot start.
 */
export async function measureLatencyBound(
  workspace: BenchWorkspace,
  options: { papers: readonly Paper[] },
): Promise<LatencyBoundFigure> {
  const server = await startFakeServerProcess({ latencyMs: B3_LATENCY_MS });
  try {
    const run = await runLocalMode(workspace, {
      name: 'b3',
      baseUrl: server.baseUrl,
      papers: options.papers,
      concurrency: B3_CONCURRENCY,
    });
    const idealPapersPerSecond = B3_CONCURRENCY / (B3_LATENCY_MS / 1000);
    return {
      ratio: run.briefed === options.papers.length ? run.perSecond / idealPapersPerSecond : 0,
      target: 0.9,
      papers: options.papers.length,
      concurrency: B3_CONCURRENCY,
      latencyMs: B3_LATENCY_MS,
      papersPerSecond: run.perSecond,
      idealPapersPerSecond,
      elapsedMs: run.elapsedMs,
      failed: run.failed,
      cpuMsPerPaper: run.cpuMsPerPaper,
    };
  } finally {
    await server.close();
  }
}
