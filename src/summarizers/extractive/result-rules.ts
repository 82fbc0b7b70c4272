import type { Quantity } from './quantity.js';

/**
 * The sentence-level rules that decide whether a quantity is a claimed result (see
 * claimed-results.ts for the list in words). Each rule is linguistic: a cue, a preposition, a
 * comparison marker, a unit; none names a paper, a benchmark or a number.
 */

export const CLAIM_CUE =
  /\b(?:achiev|attain|obtain|reach|retain|maintain|preserv|recover|outperform|surpass|exceed|beat|improv|boost|increas|reduc|cut|lower|sav|speed|accelerat|match|deliver|yield|gain|discover|solv|requir|consum|incur|demonstrat|show|reveal|provid|offer|enabl|lead|result|bring|top|rank|record|establish|sets? a new|efficien|higher|faster|fewer|less|better|greater|smaller|cheaper|speedup|acceleration|cost|win|wins|preferred|allow|extrapolat|push|lift|sustain|halv|doubl|tripl|process)/i;
const DESCRIBES_METHOD = /\bwe (?:propose|aim|choose|opt|plan|need) to\b/i;
const BASELINE_MARKER = /\b(?:than|vs\.?|versus|compared (?:to|with)|relative to|as opposed to)\s/i;
// "more than 90%", "less than 1% drop": a hedge on the value, not a baseline.
const HEDGING_THAN =
  /\b(?:more|less|fewer|greater|higher|lower|better|over|under|no more|no less)\s+than\s+(?:an?\s+)?$/i;
// "pruning 50% of the weights": a share of the model or data the method is set to act on.
const SHARE_OF_INPUT =
  /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:weights|parameters|layers|heads|neurons|channels|experts|patches|tokens|data|datasets?|training set|corpus|labels|examples|samples|images|pixels)\b/i;
const BEATEN_LEVEL =
  /\b(?:outperform|surpass|beat|exceed)\w*\s(?![^,;]*\b(?:by|with)\b)(?:[\w-]+\s){0,5}?(?:state-of-the-art|SOTA|best|record|baseline)\sof\s$/i;
const CONFIGURATION_BEFORE_CLAIM =
  /^\s(?!(?:fewer|less|more|lower|higher|smaller|larger|faster|better)\b)(?:[\w-]+\s){1,3}(?:improv|achiev|reach|reduc|outperform|increas|yield|deliver|match|attain|obtain|speed|accelerat|boost|surpass)\w*\b/i;
const SCARCITY = /\b(?:only|just|merely|as few as|as little as|fewer than|less than)\s+$/i;
const SEGMENT_BOUNDARY = /[,;:()]|\sand\s/g;
const HEDGES =
  /(?:\s|^)(?:up to|upto|about|around|approximately|nearly|over|only|roughly|almost|just|sim|approx|more than|at least|~)\s*$/i;
const FINDING_VERB =
  /\b(?:discover|find|found|generat|sav|reduc|solv|produc|achiev|reach|includ|prov|identif|collect|synthesi[sz])\w*\s*$/i;
const SIZE_NOUN =
  /^(?:\s+[\w-]+){0,2}?\s+(?:parameters?|params|tokens|images|examples|samples|words|documents|pairs|instances|videos|sentences|rows|records|papers)\b/i;

function stripHedges(text: string): string {
  let stripped = text;
  for (let guard = 0; guard < 4 && HEDGES.test(stripped); guard++) stripped = stripped.replace(HEDGES, ' ');
  return stripped.replace(/[~\s]+$/, '');
}

/** Why a quantity of this sentence is not a claimed result, or undefined when it is one. */
export function rejection(
  sentence: string,
  quantity: Quantity,
  accepted: readonly Quantity[],
): string | undefined {
  if (quantity.kind === 'excluded') return quantity.reason ?? 'excluded';
  const before = sentence.slice(0, quantity.start);
  const after = sentence.slice(quantity.end);
  // "at 25% of training" is a setting; "at 2x lower cost" and "at 30 FPS" are results.
  const comparativeAfter =
    /^\s(?:lower|higher|less|more|faster|cheaper|smaller|fewer|the\s(?:speed|cost))\b/i.test(after);
  if (
    /\bat\s$/i.test(before) &&
    quantity.kind !== 'rate' &&
    !(quantity.kind === 'multiplier' && comparativeAfter)
  )
    return 'setting ("at N")';
  if (quantity.kind === 'multiplier' && /^\s?(?:NVIDIA\s)?(?:[AHVLT]\d{2,3}|RTX|GPUs?|TPUs?)\b/.test(after))
    return 'hardware count ("8x A100")';
  // "e.g., 50% of the tokens" is an example setting; "e.g., 77.5 on AIME" an example score.
  if (
    /\b(?:e\.g\.|for example|for instance|such as)\s*,?\s*$/i.test(before) &&
    !(quantity.kind === 'score' && /^\s(?:on|in)\s[A-Z]/.test(after))
  )
    return 'an example setting ("e.g., N")';
  if (/\b(?:set|sets|setting|fix|fixes|fixed|fixing|chose|chosen|choose)\b[^,;]{0,40}\bto\s$/i.test(before))
    return 'setting ("set to N")';
  // "from 71.2% to 78.9%", "(up from 80.1%)": the old value; "ranging from A to B" is a range.
  if (/\bfrom\s$/i.test(before) && !/\brang\w*\s+from\s$/i.test(before)) return 'starting value ("from N")';
  const segmentStart = Math.max(
    0,
    ...[...before.matchAll(SEGMENT_BOUNDARY)].map((match) => match.index + match[0].length),
  );
  if (BASELINE_MARKER.test(before.slice(segmentStart)) && !HEDGING_THAN.test(before))
    return 'baseline number (after "than"/"vs.")';
  // "outperforming the previous best of 43%": the level of what was beaten ("by a margin of 5%" is the gain).
  if (BEATEN_LEVEL.test(before.slice(segmentStart))) return 'baseline number (the level beaten)';
  // "as fast as MobileNetV2 (1.6 ms, 74.7% top-1)": a bracket right after the baseline holds its numbers.
  const bracket = before.lastIndexOf('(');
  // ("(respectively 75% and 78%)" gives the subjects' numbers, not the baseline's.)
  if (
    bracket !== -1 &&
    !before.slice(bracket).includes(')') &&
    !/\brespectively\b/i.test(before.slice(bracket))
  ) {
    const lead = before.slice(0, bracket);
    // A closed bracket ends the clause too: "X (10.8 compared to Y of 15.8) and Z (66.5% ...".
    const clause = lead.slice(
      Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.lastIndexOf(')')) + 1,
    );
    if (
      /\b(?:than|vs\.?|versus|compared (?:to|with)|relative to|as \w+ as)\s+\S+(?:\s\S+){0,5}\s*$/i.test(
        clause,
      )
    )
      return 'baseline number (in brackets after the baseline)';
  }
  if (quantity.kind === 'percent' && SHARE_OF_INPUT.test(after) && !SCARCITY.test(before))
    return 'share of the input (a setting)';
  // "Quill with 20% sparse heads improves throughput": the configuration the claim is about.
  if (/\bwith\s$/i.test(before) && CONFIGURATION_BEFORE_CLAIM.test(after))
    return 'setting ("with N% X achieves")';
  // "4 times larger", "8x deeper than VGG", "4x more data", "10x more than any previous model": sizes.
  // ...but a larger batch or context that the method makes possible is an outcome ("enables 4x larger batches").
  const enabledCapacity =
    /\b(?:enabl|allow|permit|support|fit)\w*\s(?:up to\s|about\s|over\s)?$/i.test(before) &&
    /^\s(?:larger|bigger|longer)\s(?:batch(?:es|\ssizes?)?|contexts?|context (?:windows?|lengths?)|sequences?|sequence lengths?)\b/i.test(
      after,
    );
  if (
    quantity.kind === 'multiplier' &&
    !enabledCapacity &&
    /^\s(?:larger|bigger|deeper|wider|longer|more (?:data|parameters|params|tokens|layers|training data|than any))\b/i.test(
      after,
    )
  )
    return 'size comparison';
  if (quantity.kind === 'magnitude') {
    if (SIZE_NOUN.test(after)) return 'model or data size';
    const lead = stripHedges(before);
    const previousMagnitude = accepted.some((other) => other.kind === 'magnitude');
    if (!FINDING_VERB.test(lead) || (/includ\w*\s*$/i.test(lead) && !previousMagnitude)) return 'count';
  }
  return undefined;
}

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
