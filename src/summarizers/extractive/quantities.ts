import { tokenEnd } from './bare-number.js';
import { readUnit, UNSIGNED } from './quantity-unit.js';
import type { Quantity } from './quantity.js';
import { findWordMultipliers } from './word-multipliers.js';

/**
 * The lexer of the results extractor: finds every written quantity of a sentence and says what
 * kind it is from the characters around it (`8.1%` percent, `2.3\times` multiplier, `\$0.70`
 * currency, `FID 1.73` score, `CIFAR-10` part of a name, `8B` a model size). Whether a quantity is
 * a claimed result is decided later, from the sentence (claimed-results.ts).
 */

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const DASH_RANGE = new RegExp(String.raw`^[-–]${UNSIGNED}`);

interface Cursor {
  text: string;
  /** Where the unsigned number starts and ends. */
  start: number;
  end: number;
}

/** Reads what precedes the number: a sign, a currency mark, or an attachment that makes it a name. */
function readLeft(cursor: Cursor): { start: number; currency: boolean; excluded?: string } {
  const { text, start } = cursor;
  const before = text[start - 1] ?? ' ';
  const beforeThat = text[start - 2] ?? ' ';
  if (/[A-Za-z]/.test(before)) {
    // `sim4.4` / `approx 2x`: a LaTeX command that lost its backslash, not a name.
    if (/(?:^|[^A-Za-z])(?:sim|approx)$/.test(text.slice(0, start))) return { start, currency: false };
    return { start, currency: false, excluded: 'part of a name' };
  }
  if (/[-−–‐]/.test(before)) {
    if (/[A-Za-z0-9)]/.test(beforeThat)) return { start, currency: false, excluded: 'part of a name' };
    // "152 layers---8x deeper": a dash run is punctuation, not a sign.
    if (/[-−–—‐]/.test(beforeThat)) return { start, currency: false };
    return { start: start - 1, currency: false };
  }
  if (before === '+') return { start: start - 1, currency: false };
  // "2.7%/4.3%": a second value paired by a slash after a unit ("125M/350M" stays a name).
  if (before === '/' && /(?:%|\\times|×|x)$/.test(text.slice(0, start - 1)))
    return { start, currency: false };
  if (/[\^_@/.:#]/.test(before)) return { start, currency: false, excluded: 'part of a name' };
  if (before === '$') return { start: beforeThat === '\\' ? start - 2 : start - 1, currency: true };
  // `\1,890`: a dollar sign lost in copying left its backslash; the value starts at the digit.
  if (before === '\\') return { start, currency: true };
  if (
    /[<>≤≥=]/.test(before) ||
    /[<>≤≥=]\s$/.test(text.slice(0, start)) ||
    /\\[lg]eq?\s?$/.test(text.slice(0, start))
  )
    return { start, currency: false, excluded: 'threshold' };
  return { start, currency: false };
}

/** A second bound glued to the first (`20-40`, `2-4`); undefined when there is none. */
function readDashRange(text: string, from: number): number | undefined {
  const match = DASH_RANGE.exec(text.slice(from));
  if (!match) return undefined;
  const end = from + match[0].length;
  // `30-60-90`: a chain of numbers is a name, not a range.
  if (/^[-–]\d/.test(text.slice(end))) return -1;
  return end;
}

/** Every quantity written in `text` (one sentence), in order, excluded ones included. */
export function findQuantities(text: string): Quantity[] {
  const quantities: Quantity[] = [];
  let consumed = 0;
  for (const match of text.matchAll(NUMBER)) {
    const numberStart = match.index;
    if (numberStart < consumed) continue;
    let numberEnd = numberStart + match[0].length;
    const left = readLeft({ text, start: numberStart, end: numberEnd });
    if (left.excluded) {
      consumed = tokenEnd(text, numberEnd);
      quantities.push({
        kind: 'excluded',
        value: text.slice(numberStart, consumed),
        start: numberStart,
        end: consumed,
        reason: left.excluded,
      });
      continue;
    }
    const rangeEnd = readDashRange(text, numberEnd);
    if (rangeEnd === -1) {
      consumed = tokenEnd(text, numberEnd);
      quantities.push({
        kind: 'excluded',
        value: text.slice(numberStart, consumed),
        start: numberStart,
        end: consumed,
        reason: 'number chain',
      });
      continue;
    }
    if (rangeEnd !== undefined) numberEnd = rangeEnd;
    const right = readUnit(text, numberEnd, left);
    const kind = right.kind;
    consumed = right.end;
    const quantity: Quantity = {
      kind,
      value: text.slice(left.start, right.end).trim(),
      start: left.start,
      end: right.end,
    };
    if (kind === 'excluded' && right.reason) quantity.reason = right.reason;
    if (right.metric !== undefined) quantity.metric = right.metric;
    quantities.push(quantity);
  }
  return quantities.concat(findWordMultipliers(text)).sort((a, b) => a.start - b.start);
}
