import type { Paper } from '../src/papers/paper.js';
import { deleteKeysWithPrefix } from '../test/support/delete-keys-with-prefix.js';
import type { BenchWorkspace } from './bench-context.js';
import { profileCpu, type ProfileSummary } from './cpu-profile.js';
import { runQueuedPipeline, runRawBullmq, type QueueRunResult } from './queue-runs.js';
import { createStubSummarizer } from './stub-summarizer.js';

export interface QueueOverheadFigure {
  ratio: number;
  target: number;
  jobs: number;
  concurrency: number;
  pipelinePapersPerSecond: number;
  rawJobsPerSecond: number;
  pipelineMs: number;
  rawMs: number;
  pipelineFailed: number;
  pipelineCpuMsPerPaper: number;
  rawCpuMsPerJob: number;
}

/**
 * B1: papers/s through the whole queued pipeline (enqueue → worker → instant stub LLM →
 * grounding → schema → SQLite) over raw BullMQ no-op jobs/s, same Redis, concurrency, job
 * count and payload. The raw run goes first and again last; the baseline is their mean, so a
 * machine that slows down mid-run does not favour either side. The pipeline run is profiled.
 * @throws when Redis cannot be reached or a run misses its deadline.
 */
export async function measureQueueOverhead(
  workspace: BenchWorkspace,
  options: { redisUrl: string; papers: readonly Paper[]; concurrency: number },
): Promise<{ figure: QueueOverheadFigure; profile: ProfileSummary }> {
  const { redisUrl, papers, concurrency } = options;
  const raw = async (part: string): Promise<QueueRunResult> => {
    const prefix = workspace.prefix(part);
    try {
      return await runRawBullmq({ redisUrl, prefix, concurrency, papers });
    } finally {
      await deleteKeysWithPrefix(redisUrl, prefix);
    }
  };
  const before = await raw('b1-raw-1');
  const prefix = workspace.prefix('b1-pipeline');
  const pipeline = workspace.pipeline('b1', createStubSummarizer());
  let measured;
  try {
    measured = await profileCpu('B1 queued pipeline (stub LLM)', () =>
      runQueuedPipeline({ redisUrl, prefix, concurrency, papers, pipeline, logger: workspace.logger }),
    );
  } finally {
    await deleteKeysWithPrefix(redisUrl, prefix);
  }
  const after = await raw('b1-raw-2');
  const rawJobsPerSecond = (before.jobsPerSecond + after.jobsPerSecond) / 2;
  const run = measured.result;
  return {
    figure: {
      ratio: run.completed === papers.length ? run.jobsPerSecond / rawJobsPerSecond : 0,
      target: 0.25,
      jobs: papers.length,
      concurrency,
      pipelinePapersPerSecond: run.jobsPerSecond,
      rawJobsPerSecond,
      pipelineMs: run.elapsedMs,
      rawMs: (before.elapsedMs + after.elapsedMs) / 2,
      pipelineFailed: run.failed,
      pipelineCpuMsPerPaper: run.cpuMsPerJob,
      rawCpuMsPerJob: (before.cpuMsPerJob + after.cpuMsPerJob) / 2,
    },
    profile: measured.summary,
  };
}
