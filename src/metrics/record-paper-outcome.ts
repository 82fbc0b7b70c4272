import { PaperbriefError } from '../errors.js';
import type { PipelineResult } from '../pipeline.js';
import type { PaperbriefMetrics } from './create-metrics.js';

/** Counts a paper that came out of `summarizePaper` (briefed or cached). */
export function recordPaperBriefed(metrics: PaperbriefMetrics, result: PipelineResult): void {
  const provenance = result.brief.provenance;
  metrics.papersBriefed.inc({
    provider: provenance.provider,
    model: provenance.model,
    status: result.status,
  });
}

/**
 * Counts a paper that failed for good. The reason label is the PaperbriefError code, a short fixed
 * vocabulary; anything else counts as `unknown` (messages would make the label unbounded).
 */
export function recordPaperFailed(metrics: PaperbriefMetrics, error: unknown): void {
  const reason = error instanceof PaperbriefError ? error.code : 'unknown';
  metrics.papersFailed.inc({ reason });
}
