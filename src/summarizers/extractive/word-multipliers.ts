import type { Quantity } from './quantity.js';

/**
 * Multipliers written in words, read only in comparative phrases so that "two-fold:" (a list) and
 * "the first half of training" are not results.
 */

const NUMBER_WORDS = 'two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred';
const COMPARATIVE =
  'as|the|more|fewer|less|faster|slower|higher|lower|better|speedup|speed-up|improvement|increase|reduction|cheaper|smaller';

// `twice as often`, `half its budget`, `by half`, `ten times faster`, `three-fold speedup`.
const PATTERN = new RegExp(
  String.raw`\b(?:(twice|thrice)\s(?=(?:${COMPARATIVE})\b)|(?<!\bthe\s)(double|triple)\s(?=the\b)|(half)\s(?=(?:its|the|of|their|our)\b)|(?<=\bby\s)(half)\b|(?:${NUMBER_WORDS})(?:\stimes|-fold|\sfold)\s(?=(?:${COMPARATIVE})\b))`,
  'gi',
);

/** `twice as often`, `half its budget`, `ten times faster`, `three-fold speedup`. */
export function findWordMultipliers(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const value = match[0].trim();
    const before = text.slice(0, match.index);
    if (/\b(?:first|second|last|other|latter|one|in)\s$/i.test(before)) continue;
    found.push({ kind: 'multiplier', value, start: match.index, end: match.index + value.length });
  }
  return found;
}
