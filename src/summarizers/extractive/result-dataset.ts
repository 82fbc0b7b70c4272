/**
 * Which dataset or benchmark a claimed result was measured on, from its clause and, failing
 * that, its sentence: "on A, B and C" lists (matched to the value's place in a "respectively"
 * list), the name before a bracketed score, described benchmarks ("on several math benchmarks",
 * "like GSM8k"). Null when the sentence names none.
 */

export function trimPunctuation(text: string): string {
  return text.replace(/^[\s,;:(]+|[\s,;:.)]+$/g, '');
}

const DATASET_NAME = String.raw`[A-Z0-9][\w.+@/-]*(?:\s(?:[A-Z0-9][\w.+@/-]*|v\d[\w.]*))*`;
// A list ends at its "and" ("on A, B, and C, PREMISE matches": PREMISE is not listed).
// "on X" / "across X" anywhere; "in X" only as "In X," or "in the X dataset" ("in FLOPs" is not one).
const DATASET_LIST = new RegExp(
  String.raw`\b(?:[Oo]n|[Aa]cross|[Ii]n(?=\s(?:the\s)?${DATASET_NAME}(?:,|\s(?:dataset|benchmark|test set|split))))\s(?:the\s)?(${DATASET_NAME}(?:,\s(?!and\b)(?!\d)${DATASET_NAME})*(?:,?\s(?:and|&)\s(?!\d)${DATASET_NAME})?)`,
  'g',
);
const NOT_DATASETS =
  /^(?:The|This|These|Our|We|It|In|On|Experiments?|Notably|Specifically|Moreover|Furthermore|Average|Overall|Addition|Particular|Contrast|Practice|Summary|Terms?)\b/;

const TRAINED_ON = /\b(?:train\w*|tun\w*|fine-tun\w*|pre-?train\w*|appl(?:y|ies|ied|ying))\s(?:\w+\s){0,2}$/i;

// "53k", "100", "1.5B": a count or size, never a dataset's name.
const COUNT = /^[\d.,]+\s?[kKmMbBxX%]?$/;

// "on 8 A100 80 GB GPUs", "on a single 8x A100 machine": where it ran, not what it was measured on.
const HARDWARE = /\b(?:GPUs?|TPUs?|CPUs?|[AHVL]\d{2,3}|RTX|NVIDIA|machines?|nodes?|devices?)\b/;

// "on several challenging math benchmarks", "across four reasoning benchmarks (AIME, AMC)",
// "on analytical benchmarks like GSM8k": named examples win over the description.
const DESCRIBED_BENCHMARKS =
  /\b(?:[Oo]n|[Aa]cross|[Oo]ver|via)\s+(?:the\s+)?((?:[\w-]+\s){0,4}(?:benchmarks?|datasets?|suites?|tasks)\b)(?:\s+(?:like|such as)\s+([A-Z][\w.+-]*(?:,?\s(?:and\s)?[A-Z][\w.+-]*)*)|\s+\(([^()]{2,80})\))?/;

// "Experiments on mathematical reasoning show ...": the test bed named in lower case.
const EXPERIMENTS_ON =
  /\b(?:[Ee]xperiments|[Ee]valuations?|[Rr]esults|[Tt]ests)\s+on\s+((?:[\w-]+\s){0,5}?[\w-]+)\s+(?:show|shows|demonstrate|demonstrates|reveal|reveals|indicate|indicates|confirm|confirms|suggest|suggests)\b/;

// "the GLUE score to 80.5%", "MultiNLI accuracy to 86.7% (4.6% ...)", "SQuAD v1.1 question answering
// Test F1 to 93.2": a name right before the metric the value is reported in.
const METRIC_WORD = String.raw`(?:score|scores|accuracy|F1|EM|BLEU|ROUGE(?:-\w+)?|FID|mAP|AP|AUC|WER|perplexity|pass@\d+|success rate|win rate|NDCG(?:@\d+)?)`;
const NAME_BEFORE_METRIC = new RegExp(
  String.raw`\b([A-Z][\w.+-]*[A-Za-z0-9](?:\s(?:v\d[\w.]*|[A-Z0-9][\w.+-]*))*)\s(?:[\w-]+\s){0,3}?${METRIC_WORD}\s(?:to|of|=|is|was|reaches|at)?\s*(?:[\d.,]+\s?%?\s\()?$`,
);

function namedBeforeMetric(before: string): string | null {
  const match = NAME_BEFORE_METRIC.exec(before);
  return match?.[1] && !NOT_DATASETS.test(match[1]) ? match[1] : null;
}

// "For LLaMA2-Chat 70B, EAGLE achieved ...": a sentence that opens on what it was measured on.
const OPENING_SETTING = /^(?:For|With)\s((?:the\s)?[A-Z][\w.+-]*(?:\s[A-Z0-9][\w.+-]*){0,3}),\s/;
// "reduce the inference latency of OPT-175B by over 2X": the measured thing of a metric.
const METRIC_OF_NAME =
  /\b(?:latency|throughput|memory|accuracy|perplexity|performance|speed|cost|size|footprint)\sof\s([A-Z][\w.+-]*[A-Za-z0-9](?:\s[A-Z0-9][\w.+-]*)*)\s(?:by|to)\s(?:\w+\s){0,2}$/;

function openingSetting(sentence: string): string | null {
  const name = OPENING_SETTING.exec(sentence)?.[1] ?? null;
  return name !== null && !NOT_DATASETS.test(name) && !HARDWARE.test(name) ? name : null;
}

function experimentsOn(text: string): string | null {
  return EXPERIMENTS_ON.exec(text)?.[1] ?? null;
}

function describedBenchmarks(text: string): string | null {
  const global = new RegExp(DESCRIBED_BENCHMARKS.source, 'g');
  const match = [...text.matchAll(global)].find((found) => !TRAINED_ON.test(text.slice(0, found.index)));
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
function datasetsIn(text: string, trainedToo = false): Array<{ phrase: string; items: string[] }> {
  const lists: Array<{ phrase: string; items: string[] }> = [];
  for (const match of text.matchAll(DATASET_LIST)) {
    const phrase = trimPunctuation(match[1] ?? '');
    const items = phrase
      .split(/,\s(?:and\s)?|\sand\s/)
      .map((item) => item.trim())
      .filter((item) => item.length > 1 && !NOT_DATASETS.test(item) && !COUNT.test(item));
    // "tuning on the Alpaca dataset", "applying this approach on LLaMA": the data trained on or the model a
    // method is applied to is not where a result was measured.
    const trainedOn = !trainedToo && TRAINED_ON.test(text.slice(0, match.index));
    if (items.length > 0 && !NOT_DATASETS.test(phrase) && !HARDWARE.test(phrase) && !trainedOn)
      lists.push({ phrase, items });
  }
  return lists;
}

/**
 * The dataset of the value at [start, end) of `sentence`; `clause` holds the text of its clause
 * before and after the value, `list` its place among values of its kind in the sentence.
 */
export function resultDataset(
  sentence: string,
  start: number,
  end: number,
  clause: { before: string; after: string },
  list: { index: number; size: number },
): string | null {
  const { before, after } = clause;
  const afterLists = datasetsIn(after);
  const respectively = /\brespectively\b/.test(sentence) && list.size > 1;
  const matchingList = respectively
    ? afterLists.find((found) => found.items.length === list.size)
    : undefined;
  if (matchingList) return matchingList.items[list.index] ?? null;
  return (
    namedBeforeMetric(before) ??
    METRIC_OF_NAME.exec(before)?.[1] ??
    afterLists[0]?.phrase ??
    namedBeforeBracket(before) ??
    datasetsIn(before).at(-1)?.phrase ??
    describedBenchmarks(after) ??
    describedBenchmarks(before) ??
    // The clause names none: the sentence may ("..., while keeping 63% of tokens" after "on MATH-500").
    datasetsIn(sentence.slice(end)).at(0)?.phrase ??
    datasetsIn(sentence.slice(0, start)).at(-1)?.phrase ??
    describedBenchmarks(sentence) ??
    experimentsOn(sentence) ??
    openingSetting(sentence) ??
    // Only the data it trained on: a training time or cost was measured there ("on C4 in 1.13 hours").
    datasetsIn(sentence, true).at(0)?.phrase ??
    null
  );
}
