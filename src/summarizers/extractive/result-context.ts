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

function trimPunctuation(text: string): string {
  return text.replace(/^[\s,;:(]+|[\s,;:.)]+$/g, '');
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

const DATASET_NAME = String.raw`[A-Z0-9][\w.+@/-]*(?:\s(?:[A-Z0-9][\w.+@/-]*|v\d[\w.]*))*`;
// "on X" / "across X" anywhere; "in X" only as "In X," or "in the X dataset" ("in FLOPs" is not one).
const DATASET_LIST = new RegExp(
  String.raw`\b(?:[Oo]n|[Aa]cross|[Ii]n(?=\s(?:the\s)?${DATASET_NAME}(?:,|\s(?:dataset|benchmark|test set|split))))\s(?:the\s)?(${DATASET_NAME}(?:,?\s(?:and\s)?(?!\d)${DATASET_NAME})*)`,
  'g',
);
const NOT_DATASETS =
  /^(?:The|This|These|Our|We|It|In|On|Experiments?|Notably|Specifically|Moreover|Furthermore|Average|Overall|Addition|Particular|Contrast|Practice|Summary|Terms?)\b/;

// "on several challenging math benchmarks", "across four reasoning benchmarks (AIME, AMC)",
// "on analytical benchmarks like GSM8k": named examples win over the description.
const DESCRIBED_BENCHMARKS =
  /\b(?:on|across|over)\s+(?:the\s+)?((?:[\w-]+\s){0,4}(?:benchmarks?|datasets?|suites?))(?:\s+(?:like|such as)\s+([A-Z][\w.+-]*(?:,?\s(?:and\s)?[A-Z][\w.+-]*)*)|\s+\(([^()]{2,80})\))?/;

function describedBenchmarks(text: string): string | null {
  const match = DESCRIBED_BENCHMARKS.exec(text);
  if (!match) return null;
  const named = match[2] ?? match[3];
  return trimPunctuation(named ?? match[1] ?? '') || null;
}

/** "on CIFAR-10 (FID 1.73) and ImageNet at 64x64 resolution (FID 1.92)": the name before the bracket. */
function namedBeforeBracket(before: string): string | null {
  const match = /([A-Z][\w.+-]*[A-Za-z0-9])(?:\s[\w-]+){0,3}\s\((?:[A-Z][\w-]*\s)?$/.exec(before);
  return match?.[1] && !NOT_DATASETS.test(match[1]) ? match[1] : null;
}

/** Each "on A, B and C" of `text`: the whole phrase and its items. */
function datasetsIn(text: string): Array<{ phrase: string; items: string[] }> {
  const lists: Array<{ phrase: string; items: string[] }> = [];
  for (const match of text.matchAll(DATASET_LIST)) {
    const phrase = trimPunctuation(match[1] ?? '');
    const items = phrase
      .split(/,\s(?:and\s)?|\sand\s/)
      .map((item) => item.trim())
      .filter((item) => item.length > 1 && !NOT_DATASETS.test(item));
    if (items.length > 0 && !NOT_DATASETS.test(phrase)) lists.push({ phrase, items });
  }
  return lists;
}

const COMPARISON_AFTER =
  /\b(?:than|over|compared (?:to|with)|vs\.?|versus|relative to|against)\s+(?:that of\s+)?(.{3,120}?)(?=[,;.()]|\s(?:on|in|across|with|while|at|for|by|under|when|and|that|which|who)\s|$)/;
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

  let dataset: string | null;
  const afterLists = datasetsIn(after);
  const respectively = /\brespectively\b/.test(sentence) && list.size > 1;
  const matchingList = respectively
    ? afterLists.find((found) => found.items.length === list.size)
    : undefined;
  if (matchingList) dataset = matchingList.items[list.index] ?? null;
  else
    dataset =
      afterLists[0]?.phrase ??
      namedBeforeBracket(before) ??
      datasetsIn(before).at(-1)?.phrase ??
      describedBenchmarks(after) ??
      describedBenchmarks(before) ??
      // The clause names none: the sentence may ("..., while keeping 63% of tokens" after "on MATH-500").
      datasetsIn(sentence.slice(end)).at(0)?.phrase ??
      datasetsIn(sentence.slice(0, start)).at(-1)?.phrase ??
      describedBenchmarks(sentence) ??
      null;

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
