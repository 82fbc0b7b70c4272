import type { Paper } from '../../papers/paper.js';
import { extractClaimedResults, firstOwnSentence, type LocatedResult } from './claimed-results.js';
import { findMethodName, mentions } from './method-name.js';
import type { Sentence } from './sentences.js';

/**
 * The TL;DR of the extractive summarizer: the sentence that introduces the method, then the
 * clause stating the headline result (the first claimed result), trimmed at clause boundaries to
 * 8–40 words. Only the paper's own words: leading connectives are dropped and LaTeX escapes are
 * shown as the characters they stand for, so every number is one the abstract states.
 */

export const MIN_TLDR_WORDS = 8;
export const MAX_TLDR_WORDS = 40;

const INTRODUCES =
  /\b(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|dubbed|called|come up with)\b/i;
const LEADING_CONNECTIVE =
  /^(?:(?:in this (?:paper|work|study|thesis|report)|here|to (?:this end|address [^,]{0,50}|overcome [^,]{0,50}|tackle [^,]{0,50}|mitigate [^,]{0,50}|fill [^,]{0,50})|specifically|finally|moreover|furthermore|in addition|additionally|notably|remarkably|importantly|impressively|overall|empirically|concretely|therefore|thus|however|in response|in particular|building on [^,]{0,60}|as such),\s+)+/i;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function readable(text: string): string {
  return text
    .replace(/\\%/g, '%')
    .replace(/\\times/g, '×')
    .replace(/\\\$/g, '$')
    .replace(/``|''/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Words a cut sentence must not end on ("... according to the").
const DANGLING =
  /\s+(?:the|a|an|of|to|for|with|and|or|in|on|at|by|from|as|that|which|while|its|their|our|this|these|is|are|was|were|be|than|into|via|over|under|between|both|each|up|in order|such|including|like)$/i;

function finish(text: string): string {
  let trimmed = text.replace(/[\s,;:–—-]+$/, '');
  while (DANGLING.test(trimmed)) trimmed = trimmed.replace(DANGLING, '').replace(/[\s,;:–—-]+$/, '');
  if ((trimmed.match(/\(/g)?.length ?? 0) > (trimmed.match(/\)/g)?.length ?? 0))
    trimmed = trimmed.replace(/\s*\([^()]*$/, '');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// Where a long sentence may be cut: after a comma, semicolon or colon, or before a clause word.
const CUT_POINTS =
  /[,;:]\s|\s(?=(?:which|that|while|where|whereas|by|to|for|with|and|thereby|thus|leading|enabling|resulting)\s)/g;

/**
 * `text` cut to at most `maxWords` words, at the last clause boundary that fits (and comes after
 * character `keepUntil`, so a stated result stays in), else after the last whole content word.
 */
export function trimToWords(text: string, maxWords: number, keepUntil = 0): string {
  if (wordCount(text) <= maxWords) return finish(text);
  const head = text.split(/\s+/).filter(Boolean).slice(0, maxWords).join(' ');
  const cuts = [...head.matchAll(CUT_POINTS)]
    .map((match) => match.index + (/^[,;:]/.test(match[0]) ? 1 : 0))
    .filter((cut) => cut >= keepUntil && wordCount(head.slice(0, cut)) >= Math.min(6, maxWords));
  const cut = cuts.at(-1);
  return finish(cut === undefined ? head : head.slice(0, cut));
}

// "To maintain a fixed budget while ..., we propose X": the lead-in clause before "we" goes.
const LEAD_IN_BEFORE_WE = /^[^.;]{0,160}?,\s+(?=we\s)/i;

function cleanSentence(text: string): string {
  let cleaned = readable(text)
    .replace(LEADING_CONNECTIVE, '')
    .replace(/^(?:in this (?:paper|work|study|thesis|report)|here)\s+(?=we\s)/i, '');
  if (LEAD_IN_BEFORE_WE.test(cleaned)) cleaned = cleaned.replace(LEAD_IN_BEFORE_WE, '');
  return capitalise(cleaned);
}

/** The words of the clause holding `result`, at most `maxWords` of them, keeping the value. */
function resultClause(sentence: Sentence, result: LocatedResult, maxWords: number): string {
  const full = cleanSentence(sentence.text);
  if (wordCount(full) <= maxWords) return finish(full);
  const text = readable(sentence.text);
  const valueText = readable(result.value);
  const valueAt = text.indexOf(
    valueText,
    Math.max(0, readable(sentence.text.slice(0, result.start)).length - 2),
  );
  const valueEnd = valueAt === -1 ? 0 : valueAt + valueText.length;
  // The earliest clause start from which the value still fits in the word budget.
  const starts = [0, ...[...text.matchAll(/[,;:]\s+/g)].map((match) => match.index + match[0].length)].filter(
    (start) => start <= Math.max(valueAt, 0),
  );
  let start = starts.find((candidate) => wordCount(text.slice(candidate, valueEnd)) <= maxWords);
  if (start === undefined) {
    const words = text.slice(0, valueEnd).split(/\s+/);
    start = words.slice(0, Math.max(0, words.length - maxWords)).join(' ').length + 1;
  }
  const clause = text.slice(start).replace(LEADING_CONNECTIVE, '');
  const shift = text.slice(start).length - clause.length;
  return trimToWords(capitalise(clause), maxWords, Math.max(0, valueEnd - start - shift));
}

export interface TldrInput {
  title: string;
  sentences: readonly Sentence[];
  results: readonly LocatedResult[];
  methodName: string | null;
}

/** Builds the TL;DR from an already analysed abstract (the summarizer's path). */
export function composeTldr(input: TldrInput): string {
  const { sentences, results, methodName } = input;
  const ownFrom = firstOwnSentence(sentences, methodName);
  const own = sentences.slice(ownFrom);
  const names = (sentence: Sentence): boolean => methodName !== null && mentions(sentence.text, methodName);
  const introducing =
    own.find((sentence) => names(sentence) && INTRODUCES.test(sentence.text)) ??
    own.find(names) ??
    own.find((sentence) => INTRODUCES.test(sentence.text)) ??
    own[0] ??
    sentences[0];
  const headline = results[0];
  const headlineSentence = headline ? sentences[headline.sentenceIndex] : undefined;

  let tldr = introducing ? cleanSentence(introducing.text) : '';
  if (headline && headlineSentence && headlineSentence !== introducing) {
    // The result sentence whole when it is short enough, the introduction gets the rest (at least
    // a short clause); otherwise both are trimmed to about half.
    const resultWords = wordCount(cleanSentence(headlineSentence.text));
    const leadBudget = resultWords <= 28 ? Math.max(10, MAX_TLDR_WORDS - resultWords) : 20;
    const lead = trimToWords(tldr, leadBudget);
    tldr = `${lead} ${resultClause(headlineSentence, headline, MAX_TLDR_WORDS - wordCount(lead))}`;
  } else {
    tldr = trimToWords(tldr, MAX_TLDR_WORDS);
  }
  if (methodName !== null && !tldr.toLowerCase().includes(methodName.toLowerCase())) {
    tldr = `${methodName}: ${tldr}`;
  }
  if (wordCount(tldr) < MIN_TLDR_WORDS) {
    const next = sentences.find(
      (sentence) => sentence !== introducing && !tldr.includes(cleanSentence(sentence.text)),
    );
    tldr = next ? `${finish(tldr)} ${cleanSentence(next.text)}` : `${readable(input.title)}: ${tldr}`;
  }
  if (wordCount(tldr) < MIN_TLDR_WORDS) tldr = `${readable(input.title)}: ${tldr}`;
  return trimToWords(tldr, MAX_TLDR_WORDS);
}

/** A TL;DR made only of the paper's own words (8–40 words), as the extractive summarizer writes it. */
export function headlineTldr(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const methodName = findMethodName(paper.title, paper.abstract);
  const { sentences, results } = extractClaimedResults(paper.abstract, methodName);
  return composeTldr({ title: paper.title, sentences, results, methodName });
}
