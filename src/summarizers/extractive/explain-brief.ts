import type { Taxonomy } from '../../briefs/taxonomy.js';
import type { Paper } from '../../papers/paper.js';
import { explainQuantities } from './claimed-results.js';
import { contributionRule } from './contribution-rules.js';
import { DEFAULT_MAX_TAGS, explainTags } from './match-tags.js';
import { findMethodName } from './method-name.js';

/** Why the extractive summarizer chose what it chose for one paper (for `eval --details`). */
export interface ExtractiveExplanation {
  /** Tag id → the phrases that earned it, as written in the title or abstract. */
  tags: Record<string, string>;
  /** One entry per rule firing: `tag rule: NAME`, `tag implied: NAME`, `contribution: NAME`, `number: VERDICT`. */
  rules: string[];
}

/** Re-runs the rules on a paper and names the ones that fired. Pure and deterministic. */
export function explainBrief(
  paper: Pick<Paper, 'title' | 'abstract'>,
  taxonomy: Taxonomy,
  options: { maxTags?: number } = {},
): ExtractiveExplanation {
  const methodName = findMethodName(paper.title, paper.abstract);
  const contribution = contributionRule({ title: paper.title, abstract: paper.abstract, methodName });
  const tagExplanation = explainTags(taxonomy, paper.title, paper.abstract, {
    limit: options.maxTags ?? DEFAULT_MAX_TAGS,
    contributionType: contribution?.type ?? 'analysis',
  });
  const tags: Record<string, string> = {};
  for (const tag of tagExplanation.tags) tags[tag.id] = tag.evidence.join(' | ');
  const rules = [
    `contribution: ${contribution?.name ?? 'none (analysis)'}`,
    ...tagExplanation.rejected.map((entry) => `tag rule: ${entry.rule}`),
    ...tagExplanation.implied.map((entry) => `tag implied: ${entry.rule}`),
    ...tagExplanation.dropped.map((entry) => `tag dropped: ${entry.why}`),
    ...explainQuantities(paper.abstract, methodName).map((verdict) => `number: ${verdict.verdict}`),
  ];
  return { tags, rules };
}
