import type { Paper } from '../src/papers/paper.js';
import type { BenchWorkspace } from './bench-context.js';
import { profileCpu, type ProfileSummary } from './cpu-profile.js';
import { startFakeServerProcess } from './fake-server-process.js';
import { runBareSdkCalls, runLocalMode } from './llm-plumbing.js';

export interface PlumbingOverheadFigure {
  ratio: number;
  target: number;
  papers: number;
  concurrency: number;
  localPapersPerSecond: number;
  bareCallsPerSecond: number;
  localMs: number;
  bareMs: number;
  localFailed: number;
  /** Client CPU per paper (local) and per call (bare): the overhead without the wire. */
  localCpuMsPerPaper: number;
  bareCpuMsPerCall: number;
  /** LLM calls per paper in the local run (1 when every first answer is good). */
  llmCallsPerPaper: number;
}

/**
 * B2: papers/s through local mode (runner → pipeline → openai summarizer → real client → fake
 * server at zero latency → answer check, grounding, schema → SQLite) over bare SDK calls/s
 * against the same server process at the same concurrency. Bare runs go before and after; the
 * baseline is their mean. A warm-up pass lets both sides open their connections and JIT first.
 * @throws when the fake server cannot start or a bare call fails.
 */
export async function measurePlumbingOverhead(
  workspace: BenchWorkspace,
  options: { papers: readonly Paper[]; warmup: readonly Paper[]; concurrency: number },
): Promise<{ figure: PlumbingOverheadFigure; profile: ProfileSummary }> {
  const { papers, concurrency } = options;
  const server = await startFakeServerProcess({ latencyMs: 0 });
  try {
    const bare = () =>
      runBareSdkCalls({ baseUrl: server.baseUrl, papers, concurrency, allowedTags: workspace.allowedTags });
    await runBareSdkCalls({
      baseUrl: server.baseUrl,
      papers: options.warmup,
      concurrency,
      allowedTags: workspace.allowedTags,
    });
    await runLocalMode(workspace, {
      name: 'b2-warmup',
      baseUrl: server.baseUrl,
      papers: options.warmup,
      concurrency,
    });
    const before = await bare();
    const measured = await profileCpu('B2 local mode, openai client, fake server at 0 ms', () =>
      runLocalMode(workspace, { name: 'b2', baseUrl: server.baseUrl, papers, concurrency }),
    );
    const after = await bare();
    const local = measured.result;
    const bareCallsPerSecond = (before.perSecond + after.perSecond) / 2;
    return {
      figure: {
        ratio: local.briefed === papers.length ? local.perSecond / bareCallsPerSecond : 0,
        target: 0.5,
        papers: papers.length,
        concurrency,
        localPapersPerSecond: local.perSecond,
        bareCallsPerSecond,
        localMs: local.elapsedMs,
        bareMs: (before.elapsedMs + after.elapsedMs) / 2,
        localFailed: local.failed,
        localCpuMsPerPaper: local.cpuMsPerPaper,
        bareCpuMsPerCall: (before.cpuMsPerPaper + after.cpuMsPerPaper) / 2,
        llmCallsPerPaper: local.llmCalls / papers.length,
      },
      profile: measured.summary,
    };
  } finally {
    await server.close();
  }
}
