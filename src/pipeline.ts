import type { Logger } from 'pino';
import { BriefSchema, type Brief, type BriefKey } from './briefs/brief.js';
import { groundContent, groundingWarnings } from './briefs/grounding.js';
import type { Taxonomy } from './briefs/taxonomy.js';
import { OutputInvalidError } from './errors.js';
import { inputHash } from './papers/paper-id.js';
import type { Paper } from './papers/paper.js';
import { settlePaperIdentity } from './paper-identity.js';
import type { Store } from './stores/store.js';
import type { Summarizer, SummarizerIdentity } from './summarizers/summarizer.js';

export interface PipelineDeps {
  summarizer: Summarizer;
  store: Store;
  taxonomy: Taxonomy;
  allowedTags: ReadonlySet<string>;
  logger: Logger;
  /** @default () => new Date() */
  now?: () => Date;
}

export interface PipelineOptions {
  /** Brief again even when the store has a brief for the same key and input. @default false */
  force?: boolean;
  signal?: AbortSignal | undefined;
}

export interface PipelineResult {
  status: 'briefed' | 'cached';
  brief: Brief;
  /**
   * The other id this paper was already stored under (settlePaperIdentity): its brief is that
   * paper's brief, already delivered then; callers send no new webhook for it.
   */
  knownAs?: string | undefined;
}

export function briefKeyFor(paper: Pick<Paper, 'id'>, identity: SummarizerIdentity): BriefKey {
  return {
    paperId: paper.id,
    provider: identity.provider,
    model: identity.model,
    promptVersion: identity.promptVersion,
  };
}

/**
 * The stored brief of this paper under this summarizer identity when it was made from the same
 * input (title, abstract...), else undefined. Used by the pipeline (cache) and the producers
 * (`enqueuePapers` skips briefed papers).
 */
export async function storedBriefFor(
  paper: Paper,
  identity: SummarizerIdentity,
  store: Pick<Store, 'get'>,
): Promise<Brief | undefined> {
  const existing = await store.get(briefKeyFor(paper, identity));
  return existing && existing.provenance.input_hash === inputHash(paper) ? existing : undefined;
}

/**
 * The one road every paper travels, whatever the mode (CLI, queue worker, HTTP):
 * cache check → summarizer → grounding → schema validation → store upsert.
 * Idempotent: running it twice for the same paper stores one brief.
 * @throws PaperbriefError from the summarizer (retryable or not); OutputInvalidError (not
 *   retryable) when the TL;DR is not grounded (code `ungrounded_tldr`) or the grounded brief
 *   still fails the schema.
 */
export async function summarizePaper(
  input: Paper,
  deps: PipelineDeps,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  // The same paper from another source (a page without its arXiv id) is the same paper: its
  // brief is kept under one id, and finding it there ends the road, whatever the input's wording.
  const { paper, knownAs } = await settlePaperIdentity(input, deps.store);
  if (!options.force) {
    const existing =
      knownAs === undefined
        ? await storedBriefFor(paper, deps.summarizer, deps.store)
        : await deps.store.get(briefKeyFor(paper, deps.summarizer));
    if (existing) return { status: 'cached', brief: existing, ...(knownAs === undefined ? {} : { knownAs }) };
  }

  const output = await deps.summarizer.summarize(paper, {
    taxonomy: deps.taxonomy,
    allowedTags: deps.allowedTags,
    signal: options.signal,
  });
  const grounded = groundContent(output.content, paper, deps.allowedTags);
  // No fallback TL;DR: a brief holds its provider's own TL;DR or is not stored (decision 0024).
  const tldrIssue = grounded.tldrUngrounded
    ? grounded.issues.find((issue) => issue.path === 'tldr')
    : undefined;
  if (tldrIssue) {
    throw new OutputInvalidError(
      `the ${deps.summarizer.provider} TL;DR for ${paper.id} is not grounded: ${tldrIssue.message}`,
      { issues: [`tldr: ${tldrIssue.message}`], code: 'ungrounded_tldr' },
    );
  }
  const warnings = [...output.warnings, ...grounded.notices, ...groundingWarnings(grounded.issues)];
  const content = grounded.content;

  const candidate = {
    schema_version: '1' as const,
    paper: {
      id: paper.id,
      title: paper.title,
      url: paper.url ?? null,
      published_at: paper.published_at ?? null,
      source: paper.source,
    },
    ...content,
    provenance: {
      provider: deps.summarizer.provider,
      model: deps.summarizer.model,
      prompt_version: deps.summarizer.promptVersion,
      input_hash: inputHash(paper),
      created_at: (deps.now?.() ?? new Date()).toISOString(),
      usage: output.usage,
      attempts: output.attempts,
      warnings,
      ...(output.batchId === undefined ? {} : { batch_id: output.batchId }),
    },
  };
  const parsed = BriefSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new OutputInvalidError(`brief for ${paper.id} fails the schema after grounding`, {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  await deps.store.put(parsed.data, { abstract: paper.abstract });
  deps.logger.debug({ paperId: paper.id, warnings: warnings.length }, 'paper briefed');
  return { status: 'briefed', brief: parsed.data };
}
