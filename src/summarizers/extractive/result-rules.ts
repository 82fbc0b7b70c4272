import type { Quantity } from './quantity.js';

/**
 * The sentence-level rules that decide whether a quantity is a claimed result (see
 * claimed-results.ts for the list in words). Each rule is linguistic: a cue, a preposition, a
 * comparison marker, a unit; none names a paper, a benchmark or a number.
 */

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

/** What a result rule sees: the sentence, the quantity and the text on either side of it. */
export interface ResultRuleContext {
  sentence: string;
  quantity: Quantity;
  /** Quantities of the sentence already taken as results. */
  accepted: readonly Quantity[];
  before: string;
  after: string;
  /** The text from the last clause boundary (`,` `;` `:` brackets, " and ") up to the quantity. */
  segment: string;
}

export interface ResultRule {
  name: string;
  reason: string;
  rejects: (context: ResultRuleContext) => boolean;
}

function bracketAfterBaseline({ before }: ResultRuleContext): boolean {
  const bracket = before.lastIndexOf('(');
  // ("(respectively 75% and 78%)" gives the subjects' numbers, not the baseline's.)
  if (
    bracket === -1 ||
    before.slice(bracket).includes(')') ||
    /\brespectively\b/i.test(before.slice(bracket))
  )
    return false;
  const lead = before.slice(0, bracket);
  // A closed bracket ends the clause too: "X (10.8 compared to Y of 15.8) and Z (66.5% ...".
  const clause = lead.slice(
    Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.lastIndexOf(')')) + 1,
  );
  return /\b(?:than|vs\.?|versus|compared (?:to|with)|relative to|as \w+ as)\s+\S+(?:\s\S+){0,5}\s*$/i.test(
    clause,
  );
}

function sizeComparison({ quantity, before, after }: ResultRuleContext): boolean {
  // ...but a larger batch or context that the method makes possible is an outcome ("enables 4x larger batches").
  const enabledCapacity =
    /\b(?:enabl|allow|permit|support|fit)\w*\s(?:up to\s|about\s|over\s)?$/i.test(before) &&
    /^\s(?:larger|bigger|longer)\s(?:batch(?:es|\ssizes?)?|contexts?|context (?:windows?|lengths?)|sequences?|sequence lengths?)\b/i.test(
      after,
    );
  return (
    quantity.kind === 'multiplier' &&
    !enabledCapacity &&
    /^\s(?:larger|bigger|deeper|wider|longer|more (?:data|parameters|params|tokens|layers|training data|than any))\b/i.test(
      after,
    )
  );
}

/**
 * Why a quantity is not a claimed result, as an ordered table: the first rule that rejects it
 * names the verdict (counted by `eval --details`). See claimed-results.ts for the list in words.
 */
export const RESULT_RULES: readonly ResultRule[] = [
  {
    name: 'setting ("at N")',
    reason: '"at 25% of training" is a setting; "at 2x lower cost" and "at 30 FPS" are results',
    rejects: ({ quantity, before, after }) =>
      /\bat\s$/i.test(before) &&
      quantity.kind !== 'rate' &&
      !(
        quantity.kind === 'multiplier' &&
        /^\s(?:lower|higher|less|more|faster|cheaper|smaller|fewer|the\s(?:speed|cost))\b/i.test(after)
      ),
  },
  {
    name: 'hardware count ("8x A100")',
    reason: 'a multiplier before a GPU or TPU name counts devices',
    rejects: ({ quantity, after }) =>
      quantity.kind === 'multiplier' && /^\s?(?:NVIDIA\s)?(?:[AHVLT]\d{2,3}|RTX|GPUs?|TPUs?)\b/.test(after),
  },
  {
    name: 'an example setting ("e.g., N")',
    reason: '"e.g., 50% of the tokens" is an example setting; "e.g., 77.5 on AIME" an example score',
    rejects: ({ quantity, before, after }) =>
      /\b(?:e\.g\.|for example|for instance|such as)\s*,?\s*$/i.test(before) &&
      !(quantity.kind === 'score' && /^\s(?:on|in)\s[A-Z]/.test(after)),
  },
  {
    name: 'setting ("set to N")',
    reason: 'a value something is set, fixed or chosen to',
    rejects: ({ before }) =>
      /\b(?:set|sets|setting|fix|fixes|fixed|fixing|chose|chosen|choose)\b[^,;]{0,40}\bto\s$/i.test(before),
  },
  {
    name: 'starting value ("from N")',
    reason: '"from 71.2% to 78.9%", "(up from 80.1%)": the old value; "ranging from A to B" is a range',
    rejects: ({ before }) => /\bfrom\s$/i.test(before) && !/\brang\w*\s+from\s$/i.test(before),
  },
  {
    name: 'baseline number (after "than"/"vs.")',
    reason: 'a number after "than", "vs." or "compared to" in the same clause is the baseline\'s',
    rejects: ({ before, segment }) => BASELINE_MARKER.test(segment) && !HEDGING_THAN.test(before),
  },
  {
    name: 'baseline number (the level beaten)',
    reason:
      '"outperforming the previous best of 43%": the level of what was beaten ("by a margin of 5%" is the gain)',
    rejects: ({ segment }) => BEATEN_LEVEL.test(segment),
  },
  {
    name: 'baseline number (in brackets after the baseline)',
    reason:
      '"as fast as MobileNetV2 (1.6 ms, 74.7% top-1)": a bracket right after the baseline holds its numbers',
    rejects: bracketAfterBaseline,
  },
  {
    name: 'share of the input (a setting)',
    reason: '"pruning 50% of the weights": a share of the model or data the method is set to act on',
    rejects: ({ quantity, before, after }) =>
      quantity.kind === 'percent' && SHARE_OF_INPUT.test(after) && !SCARCITY.test(before),
  },
  {
    name: 'setting ("with N% X achieves")',
    reason: '"Quill with 20% sparse heads improves throughput": the configuration the claim is about',
    rejects: ({ before, after }) => /\bwith\s$/i.test(before) && CONFIGURATION_BEFORE_CLAIM.test(after),
  },
  {
    name: 'size comparison',
    reason: '"4 times larger", "8x deeper than VGG", "4x more data": sizes, not outcomes',
    rejects: sizeComparison,
  },
  {
    name: 'model or data size',
    reason: 'a count in billions or millions followed by parameters, tokens, images ...',
    rejects: ({ quantity, after }) => quantity.kind === 'magnitude' && SIZE_NOUN.test(after),
  },
  {
    name: 'count',
    reason:
      'a count in billions is a result only after a verb of finding or saving ("discovers 2.2 million")',
    rejects: ({ quantity, before, accepted }) => {
      if (quantity.kind !== 'magnitude') return false;
      const lead = stripHedges(before);
      const previousMagnitude = accepted.some((other) => other.kind === 'magnitude');
      return !FINDING_VERB.test(lead) || (/includ\w*\s*$/i.test(lead) && !previousMagnitude);
    },
  },
];

/** Why a quantity of this sentence is not a claimed result, or undefined when it is one. */
export function rejection(
  sentence: string,
  quantity: Quantity,
  accepted: readonly Quantity[],
): string | undefined {
  if (quantity.kind === 'excluded') return quantity.reason ?? 'excluded';
  const before = sentence.slice(0, quantity.start);
  const after = sentence.slice(quantity.end);
  const segmentStart = Math.max(
    0,
    ...[...before.matchAll(SEGMENT_BOUNDARY)].map((match) => match.index + match[0].length),
  );
  const context = { sentence, quantity, accepted, before, after, segment: before.slice(segmentStart) };
  return RESULT_RULES.find((rule) => rule.rejects(context))?.name;
}
