/**
 * The lexer of the results extractor: finds every written quantity of a sentence and says what
 * kind it is from the characters around it (`8.1%` percent, `2.3\times` multiplier, `\$0.70`
 * currency, `FID 1.73` score, `CIFAR-10` part of a name, `8B` a model size). Whether a quantity is
 * a claimed result is decided later, from the sentence (claimed-results.ts).
 */

export type QuantityKind =
  | 'percent'
  | 'multiplier'
  | 'currency'
  | 'points'
  | 'magnitude'
  | 'rate'
  | 'score'
  /** Not a result whatever the sentence says: names, sizes, thresholds, durations, bare numbers. */
  | 'excluded';

export interface Quantity {
  kind: QuantityKind;
  /** The literal characters of the quantity as written (`+8.2%`, `2-4x`, `+0.9\% to +6.6\%`). */
  value: string;
  /** Span of `value` in the sentence. */
  start: number;
  end: number;
  /** Why an excluded quantity was excluded (for debugging and tests). */
  reason?: string;
  /** For a score, the metric written next to it (`FID`, `F1-score`). */
  metric?: string;
}

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const UNSIGNED = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const PERCENT = String.raw`\s?(?:\\%|%)`;
const TIMES = String.raw`\s?(?:\\times|×|x|X|times)(?![A-Za-z0-9])`;

// Metric names that make a bare number a score (`FID 1.73`, `0.605 F1-score`, `BLEU of 31.2`).
const SCORE_METRICS = String.raw`FID|FVD|KID|IS|F1(?:-score| score)?|NDCG(?:@\d+)?|BLEU(?:-\d)?|ROUGE(?:-[L12])?|METEOR|CIDEr|PSNR|SSIM|LPIPS|mAP|AP(?:50|75)?|AUC|AUROC|EM|exact match|mIoU|IoU|WER|CER|PPL|perplexity|Elo|SRCC|PLCC|KRCC|MAE|RMSE|MRR|MOS|CLIPScore|CLIP score|(?:pass|Recall|R|Hits|Acc)@\d+|correlation|Spearman|Pearson|kappa|dB|accuracy|Acc|score|success rate|win rate`;
const SCORE_BEFORE = new RegExp(String.raw`(?:^|[\s(])(${SCORE_METRICS})(?:\s(?:of|score of)|\s?[=:])?\s?$`);
const SCORE_AFTER = new RegExp(String.raw`^\s?(${SCORE_METRICS})(?![A-Za-z])`);

interface Cursor {
  text: string;
  /** Where the unsigned number starts and ends. */
  start: number;
  end: number;
}

function tokenEnd(text: string, from: number): number {
  const match = /^[^\s,;()]*/.exec(text.slice(from));
  return from + (match?.[0].length ?? 0);
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
    return { start: start - 1, currency: false };
  }
  if (before === '+') return { start: start - 1, currency: false };
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
  const match = new RegExp(String.raw`^[-–]${UNSIGNED}`).exec(text.slice(from));
  if (!match) return undefined;
  const end = from + match[0].length;
  // `30-60-90`: a chain of numbers is a name, not a range.
  if (/^[-–]\d/.test(text.slice(end))) return -1;
  return end;
}

/**
 * Extends `A%` to `A% to B%` / `A% to as much as Bx`: one literal value for a stated range. Not
 * after "from" ("improves accuracy from 71.2% to 78.9%": A is the old value, B the result), unless
 * the phrase is "ranging from".
 */
function readToRange(text: string, from: number, valueStart: number): number {
  const before = text.slice(0, valueStart);
  if (/\bfrom\s$/i.test(before) && !/\brang\w*\s+from\s$/i.test(before)) return from;
  const match = new RegExp(
    String.raw`^\s(?:to|and up to)\s(?:as much as\s|up to\s)?[+\-−]?${UNSIGNED}(?:${PERCENT}|${TIMES})`,
  ).exec(text.slice(from));
  return match ? from + match[0].length : from;
}

function classifyRight(
  text: string,
  end: number,
  left: { start: number; currency: boolean },
): { kind: QuantityKind; end: number; reason?: string; metric?: string } {
  const rest = text.slice(end);
  const before = text.slice(0, left.start);
  let match: RegExpExecArray | null;
  if ((match = new RegExp(String.raw`^${PERCENT}(?:-points|\s(?:percentage\s)?points|\spp\b)?`).exec(rest)))
    return { kind: 'percent', end: readToRange(text, end + match[0].length, left.start) };
  if ((match = /^\s(?:percent|per cent)\b/.exec(rest)))
    return { kind: 'percent', end: end + match[0].length };
  if ((match = /^[-\s]fold\b/.exec(rest))) return { kind: 'multiplier', end: end + match[0].length };
  if ((match = new RegExp(`^${TIMES}`).exec(rest)))
    return { kind: 'multiplier', end: readToRange(text, end + match[0].length, left.start) };
  if ((match = /^\s?(?:G|T|M|P)?(?:FLOPs|FLOPS|MACs|flops)\b/.exec(rest)))
    return { kind: 'excluded', end: end + match[0].length, reason: 'compute amount' };
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
      /^\s(?:faster|less|shorter|sooner|quicker)\b/.test(text.slice(durationEnd)) ||
      // A latency achieved: "with only 1.6 ms inference latency".
      (/^\s?(?:ms|milliseconds|seconds|s)\b/.test(rest) &&
        (/\b(?:only|just|merely)\s$/i.test(before) ||
          /^\s(?:[\w-]+\s)?(?:latency|per\s)/.test(text.slice(durationEnd))))
    )
      return { kind: 'rate', end: durationEnd };
    return { kind: 'excluded', end, reason: 'duration' };
  }
  if (/^[A-Za-z]/.test(rest)) return { kind: 'excluded', end: tokenEnd(text, end), reason: 'part of a name' };
  const metric = SCORE_AFTER.exec(rest)?.[1] ?? SCORE_BEFORE.exec(before)?.[1];
  if (metric !== undefined) return { kind: 'score', end, metric };
  // "improves accuracy from 60.2 to 71.5": the new level of a change.
  if (/\./.test(text.slice(left.start, end)) && /\bfrom\s+[+\-−]?\d[\d.,]*\s+to\s$/i.test(before))
    return { kind: 'score', end };
  // "reduces the number of steps to just 4 steps": the level a reduction reaches.
  if (
    /\b(?:reduc|cut|lower|decreas|compress|shrink)\w*\b[^,;.]{0,60}\bto\s(?:just\s|only\s|merely\s)?$/i.test(
      before,
    )
  )
    return { kind: 'score', end };
  // "3.98 inference speedup", "30 fewer steps": an amount of change whose unit sign was lost.
  if (
    /^\s(?:[\w-]+\s)?(?:speedups?|speed-ups?|acceleration|compression|faster|slower|fewer|less|lower|higher|cheaper)\b/.test(
      rest,
    )
  )
    return { kind: 'multiplier', end };
  // "reaches 85.3 on MMLU": a decimal straight after a verb of attaining is a score.
  if (
    /\./.test(text.slice(left.start, end)) &&
    /\b(?:achiev|attain|reach|scor|obtain|record)\w*\s(?:an?\s|up to\s|over\s|about\s|around\s)?$/i.test(
      before,
    )
  )
    return { kind: 'score', end };
  // "improves ROUGE-L by 2.1 on arXiv": a bare amount of change, ending its phrase.
  if (
    /\bby\s(?:up to\s|about\s|around\s|nearly\s|over\s|approximately\s|roughly\s)?$/i.test(before) &&
    /^(?:\s*[,.;)]|\s(?:on|over|in|and|compared|with|while|across|relative|against|than|respectively)\b|$)/.test(
      rest,
    )
  )
    return { kind: 'score', end };
  return { kind: 'excluded', end, reason: 'bare number' };
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
    const right = classifyRight(text, numberEnd, left);
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

const NUMBER_WORDS = 'two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred';
const COMPARATIVE =
  'as|the|more|fewer|less|faster|slower|higher|lower|better|speedup|speed-up|improvement|increase|reduction|cheaper|smaller';

/** `twice as often`, `half its budget`, `ten times faster`, `three-fold speedup`. */
function findWordMultipliers(text: string): Quantity[] {
  const found: Quantity[] = [];
  const pattern = new RegExp(
    String.raw`\b(?:(twice|thrice)\s(?=(?:${COMPARATIVE})\b)|(half)\s(?=(?:its|the|of|their|our)\b)|(?<=\bby\s)(half)\b|(?:${NUMBER_WORDS})(?:\stimes|-fold|\sfold)\s(?=(?:${COMPARATIVE})\b))`,
    'gi',
  );
  for (const match of text.matchAll(pattern)) {
    const value = match[0].trim();
    const before = text.slice(0, match.index);
    if (/\b(?:first|second|last|other|latter|one|in)\s$/i.test(before)) continue;
    found.push({ kind: 'multiplier', value, start: match.index, end: match.index + value.length });
  }
  return found;
}
