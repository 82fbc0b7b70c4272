/** A written quantity of a sentence and its kind: the lexer's output (quantities.ts). */

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
