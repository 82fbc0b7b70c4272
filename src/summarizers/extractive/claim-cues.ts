import type { Quantity } from './quantity.js';

/**
 * Whether a sentence claims anything, and whether a number is stated with its metric: the cues
 * that let a quantity be considered a result at all (result-rules.ts then rejects settings,
 * baselines and sizes).
 */

export const CLAIM_CUE =
  /\b(?:achiev|attain|obtain|reach|retain|maintain|preserv|recover|outperform|surpass|exceed|beat|improv|boost|increas|reduc|cut|lower|sav|speed|accelerat|match|deliver|yield|gain|discover|solv|requir|consum|incur|demonstrat|show|reveal|provid|offer|enabl|lead|result|bring|top|rank|record|establish|sets? a new|efficien|higher|faster|fewer|less|better|greater|smaller|cheaper|speedup|acceleration|cost|win|wins|preferred|allow|extrapolat|push|lift|sustain|halv|doubl|tripl|process)/i;
const DESCRIBES_METHOD = /\bwe (?:propose|aim|choose|opt|plan|need) to\b/i;
// What follows ", which improves ..." / ", achieving ..." is an outcome again.
const OUTCOME_CLAUSE =
  /,\s(?:which|achieving|yielding|resulting|leading|thereby|and\s(?:achieve|obtain|reach|improve))\b|;/i;

/** True for a number stated in a "we propose to mask 75% of the patches" clause (or before it). */
export function describesMethod(sentence: string, quantity: Quantity): boolean {
  const match = DESCRIBES_METHOD.exec(sentence);
  if (!match) return false;
  if (quantity.start < match.index) return true;
  return !OUTCOME_CLAUSE.test(sentence.slice(match.index, quantity.start));
}

const TIME_TAKEN = /\b(?:in|within)\s(?:under\s|less than\s|just\s|only\s|about\s|roughly\s)?$/i;
const METRIC_AFTER =
  /^\s(?:top-\d\s)?(?:accuracy|acc|F1|mAP|AP|BLEU|ROUGE|FID|PSNR|SSIM|AUC|EM|exact match|pass@\d|win rate|success rate|speedup|speed-up|throughput|latency)\b/i;

/** A quantity written with its metric ("92.1% accuracy", "FID 1.73") or unit reads as a result without a verb. */
export function statesMetric(sentence: string, quantity: Quantity): boolean {
  // Rates, costs and point gains are outcomes by their unit ("45 frames per second").
  if (
    quantity.kind === 'score' ||
    quantity.kind === 'rate' ||
    quantity.kind === 'currency' ||
    quantity.kind === 'points'
  )
    // ...except the time something took ("in 3 weeks"): an outcome only with a claim verb.
    return !(
      quantity.kind === 'rate' &&
      TIME_TAKEN.test(sentence.slice(0, quantity.start)) &&
      /\b(?:ms|milliseconds|seconds|minutes|hours|days|weeks|months|years|s)$/.test(quantity.value)
    );
  return METRIC_AFTER.test(sentence.slice(quantity.end));
}
