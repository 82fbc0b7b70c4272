import type { ClaimedResult } from '../../briefs/brief.js';
import { mentions } from './method-name.js';
import { CLAIM_CUE, describesMethod, statesMetric } from './claim-cues.js';
import { findQuantities } from './quantities.js';
import type { Quantity } from './quantity.js';
import { rejection } from './result-rules.js';
import { resultContext } from './result-context.js';
import { splitSentences, type Sentence } from './sentences.js';

/**
 * Finds the claimed results of an abstract: quantities (from quantities.ts) that the sentence
 * states as an outcome of the authors' own work. Rules, all linguistic:
 * - background sentences (before the first "we"/"our"/"this paper"/method name) are other
 *   people's numbers;
 * - a "we propose to mask 75% ..." clause states a setting;
 * - the sentence carries a claim cue (achieves, reduces, lower, speedup...), or the number is
 *   written with its metric ("92.1% accuracy") or as a rate, cost or point gain;
 * - numbers right after "at" (`at 25% of training`), "set to", "e.g.", the old value of "from A",
 *   numbers after "than"/"vs." in the same clause or in brackets after a baseline, shares of the
 *   input ("pruning 50% of the weights"), sizes ("4 times larger") and hardware ("8x A100") are not
 *   results; a count in billions needs a verb of finding or saving before it.
 */

/** A claimed result with where it was found, for the TL;DR and debugging. */
export interface LocatedResult extends ClaimedResult {
  sentenceIndex: number;
  /** Offset of the value inside its sentence. */
  start: number;
}

const OWN_WORK = /\b(?:we|our|us)\b|\bthis (?:paper|work|study|thesis|report|article)\b|^here\b/i;

const PROPOSED_THING =
  /\b(?:the proposed|our proposed|this (?:approach|method|framework|model|technique|system|benchmark|dataset|algorithm))\b/i;

/**
 * Index of the first sentence about the authors' own work ("we", "our", "this paper", "the
 * proposed method", or the method's name); 0 when no sentence is.
 */
export function firstOwnSentence(sentences: readonly Sentence[], methodName: string | null = null): number {
  const index = sentences.findIndex(
    (sentence) =>
      OWN_WORK.test(sentence.text) ||
      PROPOSED_THING.test(sentence.text) ||
      (methodName !== null && mentions(sentence.text, methodName)),
  );
  // No own-work marker until the very end ("... We release our code."): the abstract speaks of its
  // method in the third person throughout, so nothing before is someone else's background.
  if (index === -1 || (sentences.length >= 4 && index >= 0.7 * sentences.length)) return 0;
  return index;
}

function speaksOfOwnWork(text: string, methodName: string | null): boolean {
  return (
    OWN_WORK.test(text) ||
    PROPOSED_THING.test(text) ||
    // ("Budget guidance enables ..." opens a sentence with a lower-case name capitalised.)
    (methodName !== null &&
      (mentions(text, methodName) || mentions(text.toLowerCase(), methodName.toLowerCase())))
  );
}

/**
 * True for "For example, training on 8K tokens needs 16x the compute." after a sentence about the
 * problem: an example that illustrates the motivation, not an outcome (neither it nor the sentence
 * before speaks of the authors' work).
 */
export function illustratesProblem(
  sentences: readonly Sentence[],
  index: number,
  methodName: string | null,
): boolean {
  const text = sentences[index]?.text ?? '';
  if (!/^(?:for example|for instance|e\.g\.)/i.test(text) || speaksOfOwnWork(text, methodName)) return false;
  // "For instance, it achieves ...": a pronoun carries the method on from the sentence before.
  if (/^(?:for example|for instance|e\.g\.),?\s+(?:it|they|this|these|its|their)\b/i.test(text)) return false;
  return !speaksOfOwnWork(sentences[index - 1]?.text ?? '', methodName);
}

/** The evidence for a value: its sentence, or for an overlong one the clause-aligned window around it. */
function evidenceFor(sentence: string, start: number): string {
  if (sentence.length <= 1_000) return sentence;
  const from = Math.max(0, sentence.lastIndexOf(' ', Math.max(0, start - 400)));
  const to = sentence.indexOf(' ', Math.min(sentence.length, start + 400));
  return sentence.slice(from, to === -1 ? sentence.length : to).trim();
}

/** The sentences of `abstract` and the claimed results in them, in order of appearance. */
export function extractClaimedResults(
  abstract: string,
  methodName: string | null = null,
): { sentences: Sentence[]; results: LocatedResult[] } {
  const sentences = splitSentences(abstract);
  const ownFrom = firstOwnSentence(sentences, methodName);
  const results: LocatedResult[] = [];
  sentences.forEach((sentence, sentenceIndex) => {
    if (sentenceIndex < ownFrom || illustratesProblem(sentences, sentenceIndex, methodName)) return;
    const cued = CLAIM_CUE.test(sentence.text);
    const urls = [
      ...sentence.text.matchAll(/\S*(?:https?:\/\/|www\.|\.(?:com|org|io|ai|co|science|net)\/)\S*/g),
    ].map((match) => [match.index, match.index + match[0].length] as const);
    const accepted: Quantity[] = [];
    for (const quantity of findQuantities(sentence.text)) {
      if (urls.some(([start, end]) => quantity.start >= start && quantity.start < end)) continue;
      if (!cued && !statesMetric(sentence.text, quantity)) continue;
      if (describesMethod(sentence.text, quantity)) continue;
      if (rejection(sentence.text, quantity, accepted) === undefined) accepted.push(quantity);
    }
    accepted.forEach((quantity) => {
      // "by up to 29x, 29x, and 3x": a value repeated in one sentence is one claim with one evidence.
      if (results.some((result) => result.sentenceIndex === sentenceIndex && result.value === quantity.value))
        return;
      const sameKind = accepted.filter((other) => other.kind === quantity.kind);
      const context = resultContext(sentence.text, quantity.start, quantity.end, {
        index: sameKind.indexOf(quantity),
        size: sameKind.length,
      });
      results.push({
        value: quantity.value,
        ...context,
        metric: quantity.metric ?? context.metric,
        evidence: evidenceFor(sentence.text, quantity.start),
        sentenceIndex,
        start: quantity.start,
      });
    });
  });
  return { sentences, results };
}

/** Why each quantity of `abstract` was or was not taken (for the dev script and tests). */
export function explainQuantities(
  abstract: string,
  methodName: string | null = null,
): Array<{ sentenceIndex: number; value: string; verdict: string }> {
  const sentences = splitSentences(abstract);
  const ownFrom = firstOwnSentence(sentences, methodName);
  const verdicts: Array<{ sentenceIndex: number; value: string; verdict: string }> = [];
  sentences.forEach((sentence, sentenceIndex) => {
    const accepted: Quantity[] = [];
    for (const quantity of findQuantities(sentence.text)) {
      let verdict = rejection(sentence.text, quantity, accepted);
      if (verdict === undefined) {
        if (sentenceIndex < ownFrom) verdict = 'background sentence';
        else if (illustratesProblem(sentences, sentenceIndex, methodName)) verdict = 'example of the problem';
        else if (describesMethod(sentence.text, quantity)) verdict = 'describes the method';
        else if (!CLAIM_CUE.test(sentence.text) && !statesMetric(sentence.text, quantity))
          verdict = 'no claim cue';
        else accepted.push(quantity);
      }
      verdicts.push({
        sentenceIndex,
        value: quantity.value,
        verdict: verdict ?? `result (${quantity.kind})`,
      });
    }
  });
  return verdicts;
}
