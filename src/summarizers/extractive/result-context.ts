import { resultDataset, trimPunctuation } from './result-dataset.js';

/**
 * Reads what a claimed result is about from the clause around it: the metric (`greater token
 * efficiency`, `accuracy improvement`), the dataset (`on MATH-500`) and the comparison (`than
 * stable diffusion models`). Every string is a piece of the sentence, so it is grounded by
 * construction; null when the clause does not say.
 */

export interface ResultContext {
  metric: string | null;
  dataset: string | null;
  comparison: string | null;
}

const RIGHT_BOUNDARY =
  /;|,\s(?:while|whereas|but|which|thereby|demonstrating|highlighting|making|leading|resulting|enabling)\b|\s(?:while|whereas)\s/;
const LEFT_BOUNDARY = /(?:;|,\s(?:while|whereas|but)\s|\s(?:while|whereas)\s)/g;

/** The clause of `sentence` holding the span [start, end): cut at `;`, `while`, `, but`... */
export function clauseAround(sentence: string, start: number, end: number): { text: string; offset: number } {
  let clauseStart = 0;
  for (const match of sentence.slice(0, start).matchAll(LEFT_BOUNDARY))
    clauseStart = match.index + match[0].length;
  const after = sentence.slice(end);
  const right = RIGHT_BOUNDARY.exec(after);
  const clauseEnd = right ? end + right.index : sentence.length;
  return { text: sentence.slice(clauseStart, clauseEnd), offset: clauseStart };
}

const STOP_AFTER = new Set([
  'and',
  'or',
  'on',
  'in',
  'over',
  'than',
  'compared',
  'for',
  'across',
  'with',
  'while',
  'at',
  'by',
  'when',
  'without',
  'to',
  'of',
  'from',
  'under',
  'as',
  'using',
  'against',
  'relative',
  'vs',
  'vs.',
  'versus',
  'per',
  'is',
  'are',
  'which',
  'that',
  'respectively',
  'where',
  'during',
  'after',
  'before',
]);
const CHANGE_NOUNS =
  /^(?:reduction|improvement|improvements|increase|gain|gains|speedup|speed-up|acceleration|decrease|drop|savings?)$/i;
const SKIP_BEFORE = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'our',
  'up',
  'to',
  'upto',
  'about',
  'around',
  'approximately',
  'nearly',
  'over',
  'only',
  'roughly',
  'almost',
  'just',
  'by',
  'of',
  'over',
  'than',
  'more',
  'at',
  'least',
]);
const VERBISH =
  /^(?:achiev|attain|obtain|reach|outperform|surpass|exceed|beat|improv|boost|increas|reduc|cut|lower|sav|speed|accelerat|match|deliver|yield|gain|show|demonstrat|consum|requir|incur|enabl|allow|provid|lead|result)\w*$/i;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function metricAfter(after: string): string | null {
  const taken: string[] = [];
  for (const raw of words(after)) {
    const word = raw.replace(/[,;:.)]+$/, '');
    if (/^[([]/.test(raw) || /^\d/.test(word)) break;
    const lower = word.toLowerCase();
    const continues =
      (lower === 'in' || lower === 'of') &&
      taken.length > 0 &&
      CHANGE_NOUNS.test(taken[taken.length - 1] ?? '');
    if (STOP_AFTER.has(lower) && !continues) break;
    taken.push(word);
    if (word !== raw || taken.length >= 6) break;
  }
  return taken.length > 0 ? taken.join(' ') : null;
}

const STOP_BEFORE = new Set([
  'and',
  'or',
  'with',
  'on',
  'in',
  'than',
  'like',
  'that',
  'which',
  'where',
  'when',
  'while',
  'for',
  'from',
  'as',
  'is',
  'are',
  'was',
  'were',
]);

function metricBefore(before: string): string | null {
  const tokens = words(before);
  while (tokens.length > 0 && SKIP_BEFORE.has((tokens[tokens.length - 1] ?? '').toLowerCase())) {
    const word = (tokens.pop() ?? '').toLowerCase();
    if (word === 'by' || word === 'of') break;
  }
  const taken: string[] = [];
  while (tokens.length > 0 && taken.length < 5) {
    const word = tokens[tokens.length - 1] ?? '';
    const lower = word.toLowerCase();
    if (
      /[,;:()]$/.test(word) ||
      /^\(/.test(word) ||
      VERBISH.test(word) ||
      SKIP_BEFORE.has(lower) ||
      STOP_BEFORE.has(lower) ||
      /\d/.test(word)
    )
      break;
    taken.unshift(word);
    tokens.pop();
  }
  const metric = taken.join(' ');
  return metric.length > 0 ? metric : null;
}

// A dot ends the phrase, but not the decimal point of a number ("accuracy of 89.4%").
const COMPARISON_AFTER =
  /\b(?:than|over|compared (?:to|with)|vs\.?|versus|relative to|against)\s+(?:that of\s+)?(.{3,120}?)(?=[,;()]|\.(?!\d)|\s(?:on|in|across|with|while|at|for|by|under|when|and|that|which|who)\s|$)/;
const COMPARISON_BEFORE =
  /\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|boosting|than)\s+([^()]{3,120}?)(?=\s+(?:by|on|up to|upto|with)\b|\s*\()/g;

/**
 * The metric, dataset and comparison of the quantity at [start, end) of `sentence`.
 * `listIndex`/`listSize` place a value in a "respectively" list so it gets the matching dataset.
 */
export function resultContext(
  sentence: string,
  start: number,
  end: number,
  list: { index: number; size: number } = { index: 0, size: 1 },
): ResultContext {
  const clause = clauseAround(sentence, start, end);
  const before = clause.text.slice(0, start - clause.offset);
  const after = clause.text.slice(end - clause.offset);

  let metric = metricAfter(after);
  if (
    metric === null &&
    /\b(?:by|of)\s(?:up to\s|upto\s|about\s|around\s|approximately\s|nearly\s|over\s)?$/.test(before)
  )
    metric = metricBefore(before);

  const dataset = resultDataset(sentence, start, end, { before, after }, list);

  const comparisonMatch = COMPARISON_AFTER.exec(after) ?? [...before.matchAll(COMPARISON_BEFORE)].at(-1);
  const comparison = comparisonMatch?.[1] ? trimPunctuation(comparisonMatch[1]).replace(/^the\s/i, '') : null;

  // "boosting baselines like Coconut by 8%": the phrase before "by" is what was beaten, not a metric.
  if (metric !== null && comparison !== null && comparison.endsWith(metric)) metric = null;
  return {
    metric: metric === null ? null : trimPunctuation(metric) || null,
    dataset: dataset === null ? null : trimPunctuation(dataset) || null,
    comparison: comparison || null,
  };
}
