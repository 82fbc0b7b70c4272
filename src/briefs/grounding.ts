import type { Paper } from '../papers/paper.js';
import type { BriefContent, ClaimedResult } from './brief.js';
import { ungroundedPhraseWords, ungroundedTldrTerms } from './grounded-words.js';
import { groundingSource, instructionNotice, type GroundingSource } from './grounding-source.js';
import { instructionRuleFor } from './instruction-rules.js';
import { collapseWhitespace, findInSource, foldText, ungroundedNumbers } from './source-text.js';

/** One thing grounding removed or changed, phrased so it can be shown to a model in a repair turn. */
export interface GroundingIssue {
  /** JSON path of the offending item, e.g. `claimed_results[2].value`. */
  path: string;
  /** For the model (repair turn) and for errors: may quote the rejected text. */
  message: string;
  /** For `provenance.warnings`: never quotes the rejected text, which stays out of the brief. */
  reason: string;
}

export interface GroundingResult {
  /** The content with every ungrounded item dropped (results, tags) or nulled (name, URL). */
  content: BriefContent;
  /** Everything that was dropped or nulled; empty when the input was fully grounded. */
  issues: GroundingIssue[];
  /**
   * True when the TL;DR states a number, name, acronym or URL the source does not have, or gives
   * an instruction: it cannot be stored (its issue, path `tldr`, names the words).
   */
  tldrUngrounded: boolean;
  /** Notes for `provenance.warnings` that are not faults of the content (instruction sentences). */
  notices: string[];
}

export { groundingSource, instructionNotice, type GroundingSource } from './grounding-source.js';

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
      message: `evidence "${result.evidence}" is not a quote of the abstract${BLANKED_NOTE}`,
      reason: 'evidence is not a quote of the abstract; result dropped',
    });
    return undefined;
  }
  // The value must be stated inside its own evidence, as a whole number, not merely somewhere.
  const evidenceText = foldText(evidence.literal);
  const value = findInSource(evidenceText, result.value, { numberBoundaries: true });
  if (!value || !/\d|twice|thrice|half|double|triple|fold|times/i.test(result.value)) {
    issues.push({
      path: `${path}.value`,
      message: `value "${result.value}" does not occur in its evidence`,
      reason: 'value does not occur in its evidence; result dropped',
    });
    return undefined;
  }
  const grounded: ClaimedResult = { ...result, value: value.literal, evidence: evidence.literal };
  for (const field of ['metric', 'dataset', 'comparison'] as const) {
    const text = grounded[field];
    if (text === null) continue;
    const stray = [...ungroundedNumbers(text, source.both), ...ungroundedPhraseWords(text, source.words)];
    if (stray.length > 0) {
      issues.push({
        path: `${path}.${field}`,
        message: `${field} "${text}" has words or numbers not in the title or abstract: ${quoteAll(stray)}${BLANKED_NOTE}`,
        reason: `${field} has words or numbers not in the title or abstract; set to null`,
      });
      grounded[field] = null;
    }
  }
  return grounded;
}

/** Told to the model with each ungrounded item, so it knows why a quote of the abstract failed. */
const BLANKED_NOTE = ' (sentences of the abstract that address the model do not count)';

const quoteAll = (items: readonly string[]): string => items.map((item) => `"${item}"`).join(', ');

/**
 * The TL;DR's issue, if any: numbers, names, acronyms and URLs must be in the title or abstract
 * (instruction sentences blanked), and the TL;DR must not itself be an instruction.
 */
function groundTldr(tldr: string, source: GroundingSource): GroundingIssue | undefined {
  const stray = [...ungroundedTldrTerms(tldr, source.words), ...ungroundedNumbers(tldr, source.both)];
  const rule = instructionRuleFor(tldr);
  if (stray.length === 0 && !rule) return undefined;
  const parts: string[] = [];
  if (stray.length > 0) parts.push(`names, URLs or numbers not in the title or abstract: ${quoteAll(stray)}`);
  if (rule) parts.push(`it reads as an instruction (rule ${rule.name}), not as a summary`);
  return {
    path: 'tldr',
    message: `tldr has ${parts.join('; ')}${BLANKED_NOTE}`,
    reason:
      stray.length > 0
        ? 'tldr has names, URLs or numbers not in the title or abstract'
        : 'tldr reads as an instruction',
  };
}

/**
 * Checks a summarizer's content against the paper it claims to describe. The one grounding
 * function for every provider: results whose value or evidence are not in the abstract are
 * dropped; a method name or code URL not in the source, or a result's metric, dataset or
 * comparison with a word not in it, becomes null; tags outside the taxonomy are dropped; a TL;DR
 * with a name, acronym, URL or number not in the source is flagged (`tldrUngrounded`: the caller
 * fails the paper). Sentences of the abstract that address the model count as not there.
 * Grounded values and evidence are rewritten to the source's literal characters.
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
        message: `method name "${method_name}" is not in the title or abstract${BLANKED_NOTE}`,
        reason: 'method name is not in the title or abstract; set to null',
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
      issues.push({
        path: 'code_url',
        message: `code URL "${code_url}" is not in the abstract${BLANKED_NOTE}`,
        reason: 'code URL is not in the abstract; set to null',
      });
      code_url = null;
    } else {
      code_url = match.literal;
    }
  }

  const tags: string[] = [];
  content.tags.forEach((tag, index) => {
    if (!allowedTags.has(tag)) {
      issues.push({
        path: `tags[${index}]`,
        message: `tag "${tag}" is not in the taxonomy`,
        reason: 'tag is not in the taxonomy; dropped',
      });
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  });

  const tldrIssue = groundTldr(content.tldr, source);
  if (tldrIssue) issues.push(tldrIssue);

  return {
    content: { ...content, claimed_results, method_name, code_url, tags },
    issues,
    tldrUngrounded: tldrIssue !== undefined,
    notices: source.instructions.map(instructionNotice),
  };
}

/** Formats issues for `provenance.warnings`. */
export function groundingWarnings(issues: readonly GroundingIssue[]): string[] {
  return issues.map((issue) => `ungrounded ${issue.path}: ${issue.reason}`);
}
