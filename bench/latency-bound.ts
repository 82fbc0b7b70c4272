import type { Paper } from '../src/papers/paper.js';
import type { BenchWorkspace } from './bench-context.js';
import { startFakeServerProcess } from './fake-server-process.js';
import { runBareSdkCalls, runLocalMode } from './llm-plumbing.js';

/** Fake server latency of B3, in milliseconds. */
export const B3_LATENCY_MS = 200;
/** Papers in flight in B3. */
export const B3_CONCURRENCY = 64;

export interface LatencyBoundFigure {
  /** Achieved papers/s over `concurrency / latency`. */
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
  /**
   * Not the figure, its context: bare SDK calls/s at the same latency and concurrency, what
   * this machine's HTTP stack, the fake server process and the neighbours allow at all.
   */
  bareCallsPerSecond: number;
  /** papersPerSecond / bareCallsPerSecond. */
  ratioToBare: number;
}

/**
 * B3: local mode against the fake server answering after 200 ms, 64 papers in flight:
 * achieved papers/s over 64 / 0.2 s. One wave of 64 first opens the connections and warms the
 * JIT; then bare SDK calls over the same papers give the machine's own ceiling for context.
 * @throws when the fake server cannot start.
 */
export async function measureLatencyBound(
  workspace: BenchWorkspace,
  options: { papers: readonly Paper[]; warmup: readonly Paper[] },
): Promise<LatencyBoundFigure> {
  const server = await startFakeServerProcess({ latencyMs: B3_LATENCY_MS });
  try {
    const local = (name: string, papers: readonly Paper[]) =>
      runLocalMode(workspace, { name, baseUrl: server.baseUrl, papers, concurrency: B3_CONCURRENCY });
    await local('b3-warmup', options.warmup);
    const run = await local('b3', options.papers);
    const bare = await runBareSdkCalls({
      baseUrl: server.baseUrl,
      papers: options.papers,
      concurrency: B3_CONCURRENCY,
      allowedTags: workspace.allowedTags,
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
      bareCallsPerSecond: bare.perSecond,
      ratioToBare: run.perSecond / bare.perSecond,
    };
  } finally {
    await server.close();
  }
}
