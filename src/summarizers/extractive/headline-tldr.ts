import type { Paper } from '../../papers/paper.js';
import { extractClaimedResults, firstOwnSentence, type LocatedResult } from './claimed-results.js';
import { findMethodName, mentions } from './method-name.js';
import type { Sentence } from './sentences.js';
import { capitalise, clausePieces, finish, readable, withoutAsides, wordCount } from './tldr-clauses.js';

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

// Words a cut sentence must not end on ("... according to the").
const DANGLING =
  /\s+(?:the|a|an|of|to|for|with|and|or|in|on|at|by|from|as|that|which|while|its|their|our|this|these|is|are|was|were|be|than|into|via|over|under|between|both|each|up|in order|such|including|like)$/i;

function finishCut(text: string): string {
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
  if (wordCount(text) <= maxWords) return finishCut(text);
  const head = text.split(/\s+/).filter(Boolean).slice(0, maxWords).join(' ');
  const cuts = [...head.matchAll(CUT_POINTS)]
    .map((match) => match.index + (/^[,;:]/.test(match[0]) ? 1 : 0))
    .filter((cut) => cut >= keepUntil && wordCount(head.slice(0, cut)) >= Math.min(6, maxWords));
  const cut = cuts.at(-1);
  return finishCut(cut === undefined ? head : head.slice(0, cut));
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

export interface TldrInput {
  title: string;
  sentences: readonly Sentence[];
  results: readonly LocatedResult[];
  methodName: string | null;
}

// "This limitation ...", "We address this question": an opener that leans on the sentence before.
const DANGLING_OPENER =
  /^(?:(?:this|these|those|such)\s+(?!paper|work|study|article|report|thesis|survey)\w+|it\s|they\s)|\b(?:address|tackle|answer|study|investigate|explore|fill)\s+(?:this|these|that|the)\s+(?:question|problem|issue|limitation|gap|challenge)s?\b/i;

/** The sentence that introduces the work: names the method and a verb of introducing, if one does. */
function leadSentence(input: TldrInput): Sentence | undefined {
  const { sentences, methodName } = input;
  const own = sentences.slice(firstOwnSentence(sentences, methodName));
  const names = (sentence: Sentence): boolean => methodName !== null && mentions(sentence.text, methodName);
  const standsAlone = (sentence: Sentence): boolean => !DANGLING_OPENER.test(cleanSentence(sentence.text));
  const candidates = [
    own.find((sentence) => names(sentence) && INTRODUCES.test(sentence.text)),
    own.find(names),
    own.find((sentence) => INTRODUCES.test(sentence.text)),
    own[0],
    sentences[0],
  ].filter((sentence): sentence is Sentence => sentence !== undefined);
  return candidates.find(standsAlone) ?? candidates[0];
}

/** Whole-clause versions of a lead sentence, longest first: whole, without asides, clause prefixes. */
function leadOptions(text: string): string[] {
  const stripped = withoutAsides(text);
  const pieces = [
    ...clausePieces(text, MAX_TLDR_WORDS),
    ...(stripped ? clausePieces(stripped, MAX_TLDR_WORDS) : []),
  ];
  const options = [text, stripped, ...pieces.sort((a, b) => wordCount(b) - wordCount(a))];
  return [
    ...new Set(options.filter((option): option is string => option !== null && wordCount(option) >= 4)),
  ];
}

/** Whole-clause stretches of the result sentence that keep its value, longest first. */
function resultOptions(sentence: Sentence, result: LocatedResult): string[] {
  const text = cleanSentence(sentence.text);
  const value = readable(result.value);
  const at = text.indexOf(value);
  if (at === -1) return [text];
  const stripped = withoutAsides(text);
  const options = clausePieces(text, MAX_TLDR_WORDS, at, at + value.length).map(capitalise);
  if (stripped !== null && stripped.includes(value)) options.splice(1, 0, stripped);
  return [...new Set(options)];
}

function join(parts: readonly string[]): string {
  return parts.map(finish).join(' ');
}

/** Builds the TL;DR from an already analysed abstract (the summarizer's path). */
export function composeTldr(input: TldrInput): string {
  const { sentences, results, methodName } = input;
  const lead = leadSentence(input);
  const headline = results[0];
  const headlineSentence = headline ? sentences[headline.sentenceIndex] : undefined;
  const leads = lead ? leadOptions(cleanSentence(lead.text)) : [];
  const named = (text: string): boolean =>
    methodName === null || text.toLowerCase().includes(methodName.toLowerCase());
  const budget = (text: string): number =>
    MAX_TLDR_WORDS - (named(text) ? 0 : wordCount(methodName ?? '') + 1);

  let tldr: string | undefined;
  if (headline && headlineSentence && headlineSentence !== lead) {
    const outcomes = resultOptions(headlineSentence, headline);
    tldr =
      leads
        .flatMap((leadText) => outcomes.map((outcome) => join([leadText, outcome])))
        .find((candidate) => wordCount(candidate) <= budget(candidate)) ??
      outcomes
        .map((outcome) => join([outcome]))
        .find(
          (candidate) => wordCount(candidate) >= MIN_TLDR_WORDS && wordCount(candidate) <= budget(candidate),
        );
  }
  tldr ??= leads
    .map((leadText) => join([leadText]))
    .find((candidate) => wordCount(candidate) <= budget(candidate));
  tldr ??= trimToWords(lead ? cleanSentence(lead.text) : readable(input.title), MAX_TLDR_WORDS);
  if (!named(tldr)) tldr = `${methodName ?? ''}: ${tldr}`;
  if (wordCount(tldr) < MIN_TLDR_WORDS) {
    const next = sentences
      .map((sentence) => cleanSentence(sentence.text))
      .find((text) => !tldr?.includes(text) && wordCount(`${tldr ?? ''} ${text}`) <= MAX_TLDR_WORDS);
    tldr = next ? join([tldr, next]) : `${readable(input.title)}: ${tldr}`;
  }
  if (wordCount(tldr) < MIN_TLDR_WORDS) tldr = `${readable(input.title)}: ${tldr}`;
  return wordCount(tldr) <= MAX_TLDR_WORDS ? tldr : trimToWords(tldr, MAX_TLDR_WORDS);
}

/** A TL;DR made only of the paper's own words (8–40 words), as the extractive summarizer writes it. */
export function headlineTldr(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const methodName = findMethodName(paper.title, paper.abstract);
  const { sentences, results } = extractClaimedResults(paper.abstract, methodName);
  return composeTldr({ title: paper.title, sentences, results, methodName });
}
