import type { BriefContent, Usage } from '../briefs/brief.js';
import type { Taxonomy } from '../briefs/taxonomy.js';
import type { Paper } from '../papers/paper.js';

/** What a summarizer returns for one paper, before the pipeline's grounding and validation. */
export interface SummarizerOutput {
  content: BriefContent;
  usage: Usage;
  /** Calls made for this paper (1 when the first answer was good; repairs add to it). */
  attempts: number;
  /** Notes for `provenance.warnings` (repairs made, items the summarizer already dropped). */
  warnings: string[];
  /** The batch whose answer was the first of this paper's (src/batch/); `provenance.batch_id`. */
  batchId?: string | undefined;
}

export interface SummarizeContext {
  taxonomy: Taxonomy;
  allowedTags: ReadonlySet<string>;
  signal?: AbortSignal | undefined;
}

/**
 * Who makes a brief: the parts of the store key and job id that name the summarizer. Producers
 * (enqueue, watch, the HTTP API) need only this, not a whole summarizer.
 */
export interface SummarizerIdentity {
  /** `extractive`, `openai`; goes into `provenance.provider` and the store key. */
  readonly provider: string;
  /** The model name; goes into `provenance.model` and the store key. */
  readonly model: string;
  /** Prompt (or rule set) version; goes into `provenance.prompt_version` and the store key. */
  readonly promptVersion: string;
}

/**
 * A provider of brief content: the offline extractive one, or an LLM. Implementations throw
 * PaperbriefError subclasses (ProviderError, OutputInvalidError) that say whether to retry;
 * they never retry transport errors themselves (one retry owner: the runner or BullMQ).
 */
export interface Summarizer extends SummarizerIdentity {
  summarize(paper: Paper, context: SummarizeContext): Promise<SummarizerOutput>;
}
