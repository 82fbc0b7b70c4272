import type { BriefContent, ClaimedResult } from '../../briefs/brief.js';
import { withoutInstructionSentences } from '../../briefs/grounding-source.js';
import type { Paper } from '../../papers/paper.js';
import type { SummarizeContext, Summarizer, SummarizerOutput } from '../summarizer.js';
import { extractClaimedResults } from './claimed-results.js';
import { findCodeUrl } from './code-url.js';
import { findContributionType } from './contribution-type.js';
import { composeTldr } from './headline-tldr.js';
import { DEFAULT_MAX_TAGS, matchTags } from './match-tags.js';
import { findMethodName } from './method-name.js';

/**
 * Version of the extraction rules: part of the store key, so bump it whenever a rule changes
 * what a brief contains (old briefs are then re-made instead of served from the cache).
 */
export const EXTRACTIVE_RULES_VERSION = 'extractive-rules-28';

/**
 * The prompt version of briefs made with a tag cap: another cap makes other briefs, so it is part
 * of the store key (the default cap keeps the plain rules version).
 */
export function extractivePromptVersion(maxTags: number = DEFAULT_MAX_TAGS): string {
  return maxTags === DEFAULT_MAX_TAGS
    ? EXTRACTIVE_RULES_VERSION
    : `${EXTRACTIVE_RULES_VERSION}+tags${maxTags}`;
}

export interface ExtractiveSummarizerOptions {
  /** Goes into `provenance.model`. @default 'extractive-v1' */
  model?: string;
  /** Most tags per brief. @default 5 (DEFAULT_MAX_TAGS) */
  maxTags?: number;
  /** Most claimed results per brief (the schema allows 30). @default 30 */
  maxResults?: number;
}

const ZERO_USAGE = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 } as const;

/** The brief content of one paper, from its title and abstract only. Pure and deterministic. */
export function extractBriefContent(
  paper: Pick<Paper, 'title' | 'abstract'>,
  context: Pick<SummarizeContext, 'taxonomy'>,
  options: { maxTags?: number; maxResults?: number } = {},
): BriefContent {
  const methodName = findMethodName(paper.title, paper.abstract);
  const { sentences, results } = extractClaimedResults(paper.abstract, methodName);
  const contributionType = findContributionType(paper.title, paper.abstract, methodName);
  // A benchmark or dataset paper measures its results on what it contributes, unless the clause says otherwise.
  const ownData = contributionType === 'benchmark' || contributionType === 'dataset' ? methodName : null;
  const claimed_results: ClaimedResult[] = results
    .slice(0, options.maxResults ?? 30)
    .map(({ value, metric, dataset, comparison, evidence }) => ({
      value,
      metric,
      dataset: dataset ?? ownData,
      comparison,
      evidence,
    }));
  return {
    tldr: composeTldr({ title: paper.title, sentences, results, methodName }),
    method_name: methodName,
    contribution_type: contributionType,
    claimed_results,
    tags: matchTags(context.taxonomy, paper.title, paper.abstract, {
      limit: options.maxTags ?? DEFAULT_MAX_TAGS,
      contributionType,
    }),
    code_url: findCodeUrl(paper.abstract),
  };
}

/**
 * The offline default provider: fills every brief field from the title and abstract with fixed
 * linguistic rules. No network, no randomness: the same paper always gets the same content.
 */
export function createExtractiveSummarizer(options: ExtractiveSummarizerOptions = {}): Summarizer {
  const model = options.model ?? 'extractive-v1';
  return {
    provider: 'extractive',
    model,
    promptVersion: extractivePromptVersion(options.maxTags),
    summarize(paper: Paper, context: SummarizeContext): Promise<SummarizerOutput> {
      // Sentences addressing the model are evidence for nothing, tags and type included.
      const content = extractBriefContent(withoutInstructionSentences(paper), context, options);
      return Promise.resolve({ content, usage: { ...ZERO_USAGE }, attempts: 1, warnings: [] });
    },
  };
}
