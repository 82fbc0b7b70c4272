import { readBareNumber, tokenEnd, type UnitReading } from './bare-number.js';

/**
 * Reads the unit written after a number (`%`, `\times`, `x`, `-fold`, `K`, `billion`, `points`,
 * `tokens per second`, `ms`...) and says what kind of quantity that makes. A number with no unit
 * goes to `readBareNumber`.
 */

export const UNSIGNED = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const PERCENT = String.raw`\s?(?:\\%|%)`;
const TIMES = String.raw`\s?(?:\\times|×|x|X|times)(?![A-Za-z0-9])`;
const PERCENT_UNIT = new RegExp(String.raw`^${PERCENT}(?:-points|\s(?:percentage\s)?points|\spp\b)?`);
const TIMES_UNIT = new RegExp(`^${TIMES}`);
// `A% to B%`, `A% to as much as Bx`, and a range written with a dash: `2X-3X`, `1.5%–2.0%`.
const TO_RANGE = new RegExp(
  String.raw`^(?:\s(?:to|and up to)\s(?:as much as\s|up to\s)?[+\-−]?|[-–])${UNSIGNED}(?:${PERCENT}|${TIMES})`,
);

/**
 * Extends `A%` to `A% to B%` / `A% to as much as Bx`: one literal value for a stated range. Not
 * after "from" ("improves accuracy from 71.2% to 78.9%": A is the old value, B the result), unless
 * the phrase is "ranging from".
 */
function readToRange(text: string, from: number, valueStart: number): number {
  const before = text.slice(0, valueStart);
  if (/\bfrom\s$/i.test(before) && !/\brang\w*\s+from\s$/i.test(before)) return from;
  const match = TO_RANGE.exec(text.slice(from));
  return match ? from + match[0].length : from;
}

/**
 * The kind of the number ending at `end` (its sign or currency mark already read into `left`)
 * and where the quantity's literal ends.
 */
export function readUnit(text: string, end: number, left: { start: number; currency: boolean }): UnitReading {
  const rest = text.slice(end);
  const before = text.slice(0, left.start);
  let match: RegExpExecArray | null;
  if ((match = PERCENT_UNIT.exec(rest)))
    return { kind: 'percent', end: readToRange(text, end + match[0].length, left.start) };
  if ((match = /^\s(?:percent|per cent)\b/.exec(rest)))
    return { kind: 'percent', end: end + match[0].length };
  // "94-th percentile on Codeforces": a rank reached, a score ("the 99th percentile latency" names a metric).
  if (
    (match = /^-?(?:th|st|nd|rd)\spercentile(?=\s(?:on|in|among)\s|[,;.)]|$)/.exec(rest)) &&
    !/\bthe\s$/i.test(before)
  )
    return { kind: 'score', end: end + match[0].length };
  if ((match = /^[-\s]fold\b/.exec(rest))) return { kind: 'multiplier', end: end + match[0].length };
  if ((match = TIMES_UNIT.exec(rest)))
    return { kind: 'multiplier', end: readToRange(text, end + match[0].length, left.start) };
  if (
    (match =
      /^\s?(?:(?:G|T|M|P)?(?:FLOPs|FLOPS|MACs|flops)|(?:peta|tera|giga)flops|Petaflops|Teraflops|PFLOPS|TFLOPS)\b(?:\/s\b)?/i.exec(
        rest,
      ))
  ) {
    // Compute sustained is a result ("sustaining over 15 Petaflops"); "with 10.3 GFLOPs" is a cost.
    const sustained =
      /\b(?:sustain|achiev|reach|attain|deliver)\w*\s(?:[\w-]+\s){0,2}?(?:of\s)?(?:over\s|up to\s|about\s|nearly\s)?$/i.test(
        text.slice(0, left.start),
      );
    return sustained
      ? { kind: 'rate', end: end + match[0].length }
      : { kind: 'excluded', end: end + match[0].length, reason: 'compute amount' };
  }
  if ((match = /^(?:\s?(?:[KkMBT]|bn))(?![A-Za-z0-9])/.exec(rest))) {
    const suffixEnd = end + match[0].length;
    // A sum of money: `\$100K`, `100K budget`, `budget of 100K`.
    const money =
      left.currency ||
      /^\s(?:USD\s|dollars?\s)?budget\b/.test(text.slice(suffixEnd)) ||
      // ("a thinking budget of 8K tokens" is a size: a unit follows.)
      (/\bbudget of\s$/.test(before) &&
        !/^\s*(?:tokens|GPU|TPU|hours|steps|samples|examples|FLOPs|images)\b/i.test(text.slice(suffixEnd)));
    if (money && /[Kk]/.test(match[0])) return { kind: 'currency', end: suffixEnd };
    // "only 2.788M H800 GPU hours": a cost in compute time, not a size.
    const hours = /^\s(?:[\w-]+\s)?(?:GPU|TPU|[AHV]\d{2,3})[-\s](?:GPU[-\s])?hours\b/i.exec(
      text.slice(suffixEnd),
    );
    if (hours) return { kind: 'currency', end: suffixEnd };
    if (left.currency) return { kind: 'currency', end: suffixEnd };
    return { kind: 'excluded', end: tokenEnd(text, end), reason: 'model or data size' };
  }
  // Memory saved or reached ("by 40 GB", "to just 4GB") is a result; otherwise a size.
  if ((match = /^\s?(?:TB|GB|GiB|MB|MiB)\b/.exec(rest))) {
    if (/\b(?:by|to|only|just|merely|under|within)\s$/i.test(before))
      return { kind: 'rate', end: end + match[0].length };
    return { kind: 'excluded', end: tokenEnd(text, end), reason: 'model or data size' };
  }
  if (/^(?:TB|GB|MB|G)\b/.test(rest))
    return { kind: 'excluded', end: tokenEnd(text, end), reason: 'model or data size' };
  if ((match = /^\s(?:billion|million|trillion|thousand)\b/.exec(rest)))
    return { kind: left.currency ? 'currency' : 'magnitude', end: end + match[0].length };
  if (left.currency) {
    match = /^\s?(?:USD|dollars)\b/.exec(rest);
    return { kind: 'currency', end: end + (match?.[0].length ?? 0) };
  }
  if ((match = /^\s?(?:USD|dollars)\b/.exec(rest))) return { kind: 'currency', end: end + match[0].length };
  if ((match = /^(?:-|\s(?:[a-z-]+\s){0,2})points?\b/.exec(rest)))
    return { kind: 'points', end: end + match[0].length };
  if ((match = /^\s(?:tokens|frames|samples|images|queries|requests)\s(?:per second|\/\s?s)\b/.exec(rest)))
    return { kind: 'rate', end: end + match[0].length };
  if ((match = /^\s?(?:FPS|fps|tok\/s|tokens\/s)\b/.exec(rest)))
    return { kind: 'rate', end: end + match[0].length };
  if ((match = /^\s?(?:ms|milliseconds|seconds|minutes|hours|days|weeks|months|years|s)\b/.exec(rest))) {
    const durationEnd = end + match[0].length;
    // A duration is a setting ("trained for 3 days") unless stated as a saving ("by 2 hours",
    // "3 hours faster") or as a latency achieved.
    if (
      /\bby\s$/i.test(before) ||
      // The time an outcome took: "prunes the model in under 4.5 hours", "a score of 80 in 1.1 hours".
      /\b(?:in|within)\s(?:under\s|less than\s|just\s|only\s|about\s|roughly\s)?$/i.test(before) ||
      /^\s(?:faster|less|shorter|sooner|quicker)\b/.test(text.slice(durationEnd)) ||
      // A latency achieved: "with only 1.6 ms inference latency".
      (/^\s?(?:ms|milliseconds|seconds|s)\b/.test(rest) &&
        (/\b(?:only|just|merely)\s$/i.test(before) ||
          /^\s(?:[\w-]+\s)?(?:latency|per\s)/.test(text.slice(durationEnd))))
    )
      return { kind: 'rate', end: durationEnd };
    return { kind: 'excluded', end, reason: 'duration' };
  }
  return readBareNumber(text, end, left);
}
