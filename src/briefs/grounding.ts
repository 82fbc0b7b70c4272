import type { Paper } from '../papers/paper.js';
import type { BriefContent, ClaimedResult } from './brief.js';
import {
  collapseWhitespace,
  findInSource,
  foldText,
  joinFolded,
  ungroundedNumbers,
  type FoldedText,
} from './source-text.js';

/** One thing grounding removed or changed, phrased so it can be shown to a model in a repair turn. */
export interface GroundingIssue {
  /** JSON path of the offending item, e.g. `claimed_results[2].value`. */
  path: string;
  message: string;
}

export interface GroundingResult {
  /** The content with every ungrounded item dropped (results, tags) or nulled (name, URL). */
  content: BriefContent;
  /** Everything that was dropped or nulled; empty when the input was fully grounded. */
  issues: GroundingIssue[];
  /** True when the TL;DR states a number the source does not have: the caller must replace it. */
  tldrUngrounded: boolean;
}

export interface GroundingSource {
  title: FoldedText;
  abstract: FoldedText;
  /** Title and abstract together: names may come from either. */
  both: FoldedText;
}

// Folding is most of grounding's cost, and an LLM answer grounds the same paper object twice
// (the answer check, then the pipeline): the last source of each paper object is kept, and used
// only while its title and abstract are the ones it was folded from.
const sources = new WeakMap<object, { title: string; abstract: string; source: GroundingSource }>();

export function groundingSource(paper: Pick<Paper, 'title' | 'abstract'>): GroundingSource {
  const known = sources.get(paper);
  if (known && known.title === paper.title && known.abstract === paper.abstract) return known.source;
  const title = foldText(paper.title);
  const abstract = foldText(paper.abstract);
  const source: GroundingSource = Object.freeze({ title, abstract, both: joinFolded(title, abstract) });
  sources.set(paper, { title: paper.title, abstract: paper.abstract, source });
  return source;
}

function groundResult(
  result: ClaimedResult,
  index: number,
  source: GroundingSource,
  issues: GroundingIssue[],
): ClaimedResult | undefined {
  const path = `claimed_results[${index}]`;
  const evidence = findInSource(source.abstract, result.evidence);
  if (!evidence) {
    issues.push({
      path: `${path}.evidence`,
      message: `evidence "${result.evidence}" is not a quote of the abstract`,
    });
    return undefined;
  }
  // The value must be stated inside its own evidence, as a whole number, not merely somewhere.
  const evidenceText = foldText(evidence.literal);
  const value = findInSource(evidenceText, result.value, { numberBoundaries: true });
  if (!value || !/\d|twice|thrice|half|double|triple|fold|times/i.test(result.value)) {
    issues.push({ path: `${path}.value`, message: `value "${result.value}" does not occur in its evidence` });
    return undefined;
  }
  const grounded: ClaimedResult = { ...result, value: value.literal, evidence: evidence.literal };
  for (const field of ['metric', 'dataset', 'comparison'] as const) {
    const text = grounded[field];
    if (text !== null && ungroundedNumbers(text, source.both).length > 0) {
      issues.push({ path: `${path}.${field}`, message: `${field} "${text}" has numbers not in the source` });
      grounded[field] = null;
    }
  }
  return grounded;
}

/**
 * Checks a summarizer's content against the paper it claims to describe. The one grounding
 * function for every provider: results whose value or evidence are not in the abstract are
 * dropped, a method name or code URL not in the source becomes null, tags outside the taxonomy
 * are dropped. Grounded values and evidence are rewritten to the source's literal characters.
 */
export function groundContent(
  content: BriefContent,
  paper: Pick<Paper, 'title' | 'abstract'>,
  allowedTags: ReadonlySet<string>,
): GroundingResult {
  const source = groundingSource(paper);
  const issues: GroundingIssue[] = [];

  const seen = new Set<string>();
  const claimed_results: ClaimedResult[] = [];
  content.claimed_results.forEach((result, index) => {
    const grounded = groundResult(result, index, source, issues);
    if (!grounded) return;
    const key = `${grounded.value}\u0000${grounded.evidence}`;
    if (seen.has(key)) return;
    seen.add(key);
    claimed_results.push(grounded);
  });

  let method_name = content.method_name === null ? null : collapseWhitespace(content.method_name);
  if (method_name !== null) {
    // The name as spelled when the source has that spelling; else a whole-word occurrence, so a
    // short name keeps its own letters (`EL`, not the `el` of `models`); else any occurrence.
    const literal = collapseWhitespace(source.both.original).includes(method_name)
      ? { literal: method_name }
      : undefined;
    const match =
      literal ??
      findInSource(source.both, method_name, { wordBoundaries: true }) ??
      findInSource(source.both, method_name);
    if (!match) {
      issues.push({
        path: 'method_name',
        message: `method name "${method_name}" is not in the title or abstract`,
      });
      method_name = null;
    } else {
      method_name = match.literal;
    }
  }

  let code_url = content.code_url === null ? null : content.code_url.trim();
  if (code_url !== null) {
    const match = findInSource(source.abstract, code_url);
    if (!match) {
      issues.push({ path: 'code_url', message: `code URL "${code_url}" is not in the abstract` });
      code_url = null;
    } else {
      code_url = match.literal;
    }
  }

  const tags: string[] = [];
  content.tags.forEach((tag, index) => {
    if (!allowedTags.has(tag)) {
      issues.push({ path: `tags[${index}]`, message: `tag "${tag}" is not in the taxonomy` });
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  });

  const strayNumbers = ungroundedNumbers(content.tldr, source.both);
  if (strayNumbers.length > 0) {
    issues.push({
      path: 'tldr',
      message: `tldr states numbers not in the source: ${strayNumbers.join(', ')}`,
    });
  }

  return {
    content: { ...content, claimed_results, method_name, code_url, tags },
    issues,
    tldrUngrounded: strayNumbers.length > 0,
  };
}

/** Formats issues for `provenance.warnings`. */
export function groundingWarnings(issues: readonly GroundingIssue[]): string[] {
  return issues.map((issue) => `ungrounded ${issue.path}: ${issue.message}`);
}
