import type { QuantityKind } from './quantity.js';

/**
 * A number written with no unit is a result only in a few shapes: next to a metric name
 * (`FID 1.73`, `0.605 F1-score`), as the new level of a change (`from 60.2 to 71.5`, `reduces the
 * steps to just 4`), as an amount of change whose sign was lost (`3.98 inference speedup`), as a
 * decimal right after a verb of attaining (`reaches 85.3`) or after "by" (`improves ROUGE-L by 2.1`).
 * Anything else (years, counts, enumerations) is excluded.
 */

export interface UnitReading {
  kind: QuantityKind;
  end: number;
  reason?: string;
  metric?: string;
}

/** Where the token holding `from` ends (a name like `GPT-4o` is skipped whole). */
export function tokenEnd(text: string, from: number): number {
  const match = /^[^\s,;()]*/.exec(text.slice(from));
  return from + (match?.[0].length ?? 0);
}

// Metric names that make a bare number a score (`FID 1.73`, `0.605 F1-score`, `BLEU of 31.2`).
const SCORE_METRICS = String.raw`FID|FVD|KID|IS|F1(?:-score| score)?|NDCG(?:@\d+)?|BLEU(?:-\d)?|ROUGE(?:-[L12])?|METEOR|CIDEr|PSNR|SSIM|LPIPS|mAP|AP(?:50|75)?|AUC|AUROC|EM|exact match|mIoU|IoU|WER|CER|PPL|perplexity|Elo|SRCC|PLCC|KRCC|MAE|RMSE|MRR|MOS|CLIPScore|CLIP score|(?:pass|Recall|R|Hits|Acc)@\d+|correlation|Spearman|Pearson|kappa|dB|accuracy|Acc|score|success rate|win rate`;
const SCORE_BEFORE = new RegExp(
  String.raw`(?:^|[\s(])(${SCORE_METRICS})(?:\s(?:of|score of|to|at)|\s?[=:])?\s?$`,
);
const SCORE_AFTER = new RegExp(String.raw`^\s?(${SCORE_METRICS})(?![A-Za-z])`);
const COMPARED_TO_METRIC = new RegExp(
  String.raw`^\s(?:compared (?:to|with)|vs\.?|versus)\s[^()]{0,40}?\b(${SCORE_METRICS})\s(?:of\s)?\d`,
);

const ACRONYM_OF = /(?:^|[\s(,])([A-Z][A-Z0-9]{1,5}(?:\s[A-Z]{1,4})?)\sof\s$/;

/** The kind of a number written with no unit, ending at `end`. */
export function readBareNumber(text: string, end: number, left: { start: number }): UnitReading {
  const rest = text.slice(end);
  const before = text.slice(0, left.start);
  if (/^[A-Za-z]/.test(rest)) return { kind: 'excluded', end: tokenEnd(text, end), reason: 'part of a name' };
  const metric = SCORE_AFTER.exec(rest)?.[1] ?? SCORE_BEFORE.exec(before)?.[1];
  if (metric !== undefined) return { kind: 'score', end, metric };
  // "a DSC of 75.44", "NSD of 77.34", "DSC TP of 65.46": a decimal given as the value of a metric
  // written as an acronym (a field's own metric the list above does not know).
  const acronym = ACRONYM_OF.exec(before)?.[1];
  if (acronym !== undefined && /\./.test(text.slice(left.start, end)))
    return { kind: 'score', end, metric: acronym };
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
    /^\s(?:[\w-]+\s)?(?:speedups?|speed-ups?|acceleration|compression|faster|slower|fewer|less|lower|higher|cheaper|better|worse)\b/.test(
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
  // "e.g., 77.5 on AIME, 8.7 and 8.9 on MT-bench": a decimal listed against a named benchmark is a
  // score; the list position (after punctuation or "and") keeps "Llama 3.1 on X" (a name) out.
  if (
    /\./.test(text.slice(left.start, end)) &&
    /(?:^|[,;:(]|--|—|\b(?:and|or))\s*$/.test(before) &&
    /^(?:\s(?:and|or)\s\d+\.\d+|,\s\d+\.\d+)*\son\s[A-Z]/.test(rest)
  )
    return { kind: 'score', end };
  // "10.8 compared to the best perplexity of 15.8": a decimal set against a named metric's value.
  const compared = COMPARED_TO_METRIC.exec(rest)?.[1];
  if (compared !== undefined && /\./.test(text.slice(left.start, end)))
    return { kind: 'score', end, metric: compared };
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
