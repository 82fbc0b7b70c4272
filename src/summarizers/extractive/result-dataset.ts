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
  String.raw`\b([A-Z][\w.+-]*[A-Za-z0-9](?:\s(?:v\d[\w.]*|[A-Z0-9][\w.+-]*))*)\s(?:\([\w\s.-]{1,15}\)\s)?(?:[\w-]+\s){0,3}?${METRIC_WORD}\s(?:to|of|=|is|was|reaches|at)?\s*(?:[\d.,]+\s?%?\s\()?$`,
);

function namedBeforeMetric(before: string): string | null {
  const match = NAME_BEFORE_METRIC.exec(before);
  return match?.[1] && !NOT_DATASETS.test(match[1]) ? match[1] : null;
}

// "For LLaMA2-Chat 70B, EAGLE achieved ...": a sentence that opens on what it was measured on.
// "For task SH1, ...": a kind word may come before the name.
const OPENING_SETTING =
  /^(?:For|With)\s(?:(?:the\s)?(?:task|track|subset|split|setting)\s)?((?:the\s)?[A-Z][\w.+-]*(?:\s[A-Z0-9][\w.+-]*){0,3}),\s/;
// "reduce the inference latency of OPT-175B by over 2X": the measured thing of a metric.
const METRIC_OF_NAME =
  /\b(?:latency|throughput|memory|accuracy|perplexity|performance|speed|cost|size|footprint)\sof\s([A-Z][\w.+-]*[A-Za-z0-9](?:\s[A-Z0-9][\w.+-]*)*)\s(?:by|to)\s(?:\w+\s){0,2}$/;

// "an Inception score of 9.46", "a DSC of 75.44": names of metrics, never what a result was measured on.
const METRIC_NAME =
  /^(?:Inception|FID|BLEU|ROUGE(?:-\w+)?|METEOR|CIDEr|SPICE|F1|EM|mAP|AP|AUC|WER|CER|MOS|SMOS|NDCG(?:@\d+)?|HR(?:@\d+)?|MRR|DSC|NSD|IoU|mIoU|PSNR|SSIM|LPIPS|Top-\d|pass@\d+|Elo)$/i;

// "on the validation set", "in the traditional evaluation protocol", "on a stricter EU-aligned
// subset", "on real LLM inference workload": a test bed described in words rather than named.
const DESCRIBED_SETTING =
  /\b(?:[Oo]n|[Ii]n|[Uu]nder)\s+(?:(?:the|an?)\s+)?((?:[\w-]+\s){0,4}?(?:set|split|subset|protocol|workloads?|suite|corpus))\b/g;
const NOT_SETTING = /^(?:this|that|these|those|our|each|every|its|their|training|train|one|which)\b/i;

function describedSetting(text: string): string | null {
  for (const match of text.matchAll(DESCRIBED_SETTING)) {
    const phrase = match[1] ?? '';
    if (!NOT_SETTING.test(phrase) && !TRAINED_ON.test(text.slice(0, match.index))) return phrase;
  }
  return null;
}

// "2x speedup", "13.20 tokens/s", "50-73% of the theoretical maximum FLOPs/s", "47% lower latency":
// an efficiency figure, measured on hardware.
const EFFICIENCY_VALUE = /(?:\d\s?[x×]|times|tokens?\/s|FLOPs)/i;
const EFFICIENCY_AFTER =
  /^\s*(?:[\w-]+\s){0,6}?(?:speed-?ups?|faster|throughput|latency|FLOPs|tokens?\/s|memory|lower than)/i;
// "on A100", "on a single NVIDIA RTX 4090 GPU", "on both desktop and mobile GPUs".
const HARDWARE_SETTING =
  /\b(?:on|across)\s+(?:(?:a|an|the|both|one|single)\s+)*((?:[\w-]+\s){0,3}?(?:(?:[AHVL]\d{2,3}|RTX\s?\d{4}|TPUv?\d*)(?:\s(?:GPUs?|TPUs?))?|GPUs|CPUs|NPUs|TPUs|GPU|CPU|NPU|TPU))\b/;

function hardwareOfEfficiency(sentence: string, start: number, end: number): string | null {
  const value = sentence.slice(start, end);
  if (!EFFICIENCY_VALUE.test(value) && !EFFICIENCY_AFTER.test(sentence.slice(end))) return null;
  return HARDWARE_SETTING.exec(sentence)?.[1] ?? null;
}

// "by up to 27% (MATH and AIME24)": names in a bracket right after the value.
const BRACKETED_NAMES = /^\s*\(([A-Z][\w.+-]*(?:(?:,\s(?:and\s)?|\sand\s)[A-Z][\w.+-]*){0,5})\)/;

function namesInBracketAfter(after: string, value: string): string | null {
  const names = BRACKETED_NAMES.exec(after)?.[1] ?? null;
  if (names === null || NOT_DATASETS.test(names) || HARDWARE.test(names)) return null;
  // "100 tokens per second (TPS)": the initials of the words before it name the metric.
  const words = `${value} ${after.slice(0, after.indexOf('('))}`.match(/[A-Za-z]+/g) ?? [];
  const initials = words
    .slice(-names.length)
    .map((word) => word[0])
    .join('');
  return initials.toUpperCase() === names.toUpperCase() ? null : names;
}

// "Experiments using all labeled data of Librispeech achieve": the data a result was measured on.
const DATA_OF_NAME =
  /\b(?:data|split|subset|portion|test set)\sof\s([A-Z][\w.+-]*[A-Za-z0-9](?:\s[A-Z0-9][\w.+-]*)*)\b/;

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
  const candidates: Array<() => string | null | undefined> = [
    () => namedBeforeMetric(before),
    () => METRIC_OF_NAME.exec(before)?.[1],
    () => afterLists[0]?.phrase,
    () => namedBeforeBracket(before),
    () => datasetsIn(before).at(-1)?.phrase,
    () => namesInBracketAfter(after, sentence.slice(start, end)),
    () => describedBenchmarks(after),
    () => describedSetting(after),
    () => describedBenchmarks(before),
    () => describedSetting(before),
    () => DATA_OF_NAME.exec(before)?.[1],
    // The clause names none: the sentence may ("..., while keeping 63% of tokens" after "on MATH-500").
    () => datasetsIn(sentence.slice(end)).at(0)?.phrase,
    () => datasetsIn(sentence.slice(0, start)).at(-1)?.phrase,
    () => describedBenchmarks(sentence),
    () => describedSetting(sentence),
    () => experimentsOn(sentence),
    () => openingSetting(sentence),
    () => hardwareOfEfficiency(sentence, start, end),
    // Only the data it trained on: a training time or cost was measured there ("on C4 in 1.13 hours").
    () => datasetsIn(sentence, true).at(0)?.phrase,
  ];
  for (const candidate of candidates) {
    const name = candidate();
    if (name && !METRIC_NAME.test(trimPunctuation(name))) return name;
  }
  return null;
}
