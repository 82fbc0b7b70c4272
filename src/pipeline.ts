import type { Logger } from 'pino';
import { BriefSchema, type Brief, type BriefKey } from './briefs/brief.js';
import { groundContent, groundingWarnings } from './briefs/grounding.js';
import type { Taxonomy } from './briefs/taxonomy.js';
import { OutputInvalidError } from './errors.js';
import { inputHash } from './papers/paper-id.js';
import type { Paper } from './papers/paper.js';
import type { Store } from './stores/store.js';
import { headlineTldr } from './summarizers/extractive/headline-tldr.js';
import type { Summarizer } from './summarizers/summarizer.js';

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
}

export function briefKeyFor(paper: Pick<Paper, 'id'>, summarizer: Summarizer): BriefKey {
  return {
    paperId: paper.id,
    provider: summarizer.provider,
    model: summarizer.model,
    promptVersion: summarizer.promptVersion,
  };
}

/**
 * The one road every paper travels, whatever the mode (CLI, queue worker, HTTP):
 * cache check → summarizer → grounding → schema validation → store upsert.
 * Idempotent: running it twice for the same paper stores one brief.
 * @throws PaperbriefError from the summarizer (retryable or not), OutputInvalidError when the
 *   grounded brief still fails the schema.
 */
export async function summarizePaper(
  paper: Paper,
  deps: PipelineDeps,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const key = briefKeyFor(paper, deps.summarizer);
  const hash = inputHash(paper);
  if (!options.force) {
    const existing = await deps.store.get(key);
    if (existing && existing.provenance.input_hash === hash) return { status: 'cached', brief: existing };
  }

  const output = await deps.summarizer.summarize(paper, {
    taxonomy: deps.taxonomy,
    allowedTags: deps.allowedTags,
    signal: options.signal,
  });
  const grounded = groundContent(output.content, paper, deps.allowedTags);
  const warnings = [...output.warnings, ...groundingWarnings(grounded.issues)];
  const content = grounded.tldrUngrounded
    ? { ...grounded.content, tldr: headlineTldr(paper) }
    : grounded.content;
  if (grounded.tldrUngrounded) warnings.push('tldr replaced by an extractive headline');

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
      input_hash: hash,
      created_at: (deps.now?.() ?? new Date()).toISOString(),
      usage: output.usage,
      attempts: output.attempts,
      warnings,
    },
  };
  const parsed = BriefSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new OutputInvalidError(`brief for ${paper.id} fails the schema after grounding`, {
      issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
  }
  await deps.store.put(parsed.data);
  deps.logger.debug({ paperId: paper.id, warnings: warnings.length }, 'paper briefed');
  return { status: 'briefed', brief: parsed.data };
}
