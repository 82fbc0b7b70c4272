import type { Paper } from '../../papers/paper.js';
import { extractClaimedResults, firstOwnSentence, type LocatedResult } from './claimed-results.js';
import { findMethodName } from './method-name.js';
import { clauseAround } from './result-context.js';
import type { Sentence } from './sentences.js';

/**
 * The TL;DR of the extractive summarizer: the sentence that introduces the method, then the
 * clause stating the headline result (the first claimed result), trimmed at clause boundaries to
 * 8–40 words. Only the paper's own words: leading connectives are dropped and LaTeX escapes are
 * shown as the characters they stand for, so every number is one the abstract states.
 */

export const MIN_TLDR_WORDS = 8;
export const MAX_TLDR_WORDS = 40;

const INTRODUCES = /\b(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|dubbed|called)\b/i;
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

function finish(text: string): string {
  const trimmed = text.replace(/[\s,;:–—-]+$/, '');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** `text` cut to at most `maxWords` words, at the last clause boundary that fits when there is one. */
export function trimToWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= maxWords) return finish(text);
  const head = words.slice(0, maxWords).join(' ');
  const boundary = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(': '));
  if (boundary > 0 && wordCount(head.slice(0, boundary)) >= Math.min(6, maxWords))
    return finish(head.slice(0, boundary));
  return finish(head);
}

function cleanSentence(text: string): string {
  return capitalise(readable(text).replace(LEADING_CONNECTIVE, ''));
}

/** The words of the clause holding `result`, at most `maxWords` of them, keeping the value. */
function resultClause(sentence: Sentence, result: LocatedResult, maxWords: number): string {
  const full = cleanSentence(sentence.text);
  if (wordCount(full) <= maxWords) return finish(full);
  const clause = clauseAround(sentence.text, result.start, result.start + result.value.length);
  const words = readable(clause.text).split(' ');
  const valueWord = wordCount(readable(sentence.text.slice(clause.offset, result.start + 1))) - 1;
  const from = Math.max(0, Math.min(valueWord - Math.floor(maxWords / 2), words.length - maxWords));
  return finish(
    capitalise(
      words
        .slice(from, from + maxWords)
        .join(' ')
        .replace(LEADING_CONNECTIVE, ''),
    ),
  );
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
  const ownFrom = firstOwnSentence(sentences);
  const own = sentences.slice(ownFrom);
  const introducing =
    own.find(
      (sentence) =>
        methodName !== null && sentence.text.includes(methodName) && INTRODUCES.test(sentence.text),
    ) ??
    own.find((sentence) => INTRODUCES.test(sentence.text)) ??
    own[0] ??
    sentences[0];
  const headline = results[0];
  const headlineSentence = headline ? sentences[headline.sentenceIndex] : undefined;

  let tldr = introducing ? cleanSentence(introducing.text) : '';
  if (headline && headlineSentence && headlineSentence !== introducing) {
    const lead = trimToWords(tldr, wordCount(tldr) <= 22 ? 22 : 20);
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

/**
 * A TL;DR made only of the paper's own words (8–40 words): used by the extractive summarizer and
 * by the pipeline when another provider's TL;DR states numbers the source does not have.
 */
export function headlineTldr(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const { sentences, results } = extractClaimedResults(paper.abstract);
  return composeTldr({
    title: paper.title,
    sentences,
    results,
    methodName: findMethodName(paper.title, paper.abstract),
  });
}
