import type { Brief } from '../briefs/brief.js';
import type { GoldPaper } from './gold.js';
import { cutSentence } from './tldr-cut.js';
import { valueNumbers } from './value-numbers.js';

/**
 * One paper scored the way `../shared/tools/score_briefs.py` scores it (the rules of
 * `../shared/data/README.md`); `scoreBriefs` sums these into the report.
 */

export interface PredictionScore {
  value: string;
  dataset: string | null;
  /** The first gold value whose numbers hold the prediction's first number, or null (a precision error). */
  matchedGold: string | null;
  /** The dataset of that gold result (dataset attribution is scored only when it names one). */
  goldDataset: string | null;
  /** Null when not scored for dataset (no match, or the gold result names no dataset). */
  datasetAgrees: boolean | null;
  grounded: boolean;
}

export interface PaperScore {
  title: string;
  briefed: boolean;
  requiredMatched: string[];
  requiredMissed: string[];
  predictions: PredictionScore[];
  methodName: { predicted: string | null; gold: string | null; correct: boolean };
  codeUrl: { predicted: string | null; gold: string | null; correct: boolean };
  contributionType: { predicted: string | null; gold: string; correct: boolean };
  tldr: { text: string; lengthOk: boolean; cut: string | null };
  /** Null when the gold has no tags for this paper. */
  tags: { predicted: string[]; notOk: string[]; coreFound: string[]; coreMissed: string[] } | null;
}

/** How the scorer compares titles: NFKC, lower case, runs of other characters as one space. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** NFKC and white space collapsed (the scorer's `norm_text`). */
export function literal(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function datasetsAgree(predicted: string | null, gold: string): boolean {
  const a = titleKey(predicted ?? '');
  const b = titleKey(gold);
  return a.length > 0 && (b.includes(a) || a.includes(b));
}

function scoreTags(gold: GoldPaper, brief: Brief): PaperScore['tags'] {
  if (gold.tags_core === undefined || gold.tags_ok === undefined) return null;
  const predicted = [...new Set(brief.tags)];
  const ok = new Set(gold.tags_ok);
  return {
    predicted,
    notOk: predicted.filter((tag) => !ok.has(tag)),
    coreFound: gold.tags_core.filter((tag) => predicted.includes(tag)),
    coreMissed: gold.tags_core.filter((tag) => !predicted.includes(tag)),
  };
}

/** Scores one gold paper against its brief (undefined: no brief, everything missed). */
export function scorePaper(gold: GoldPaper, brief: Brief | undefined, abstract: string): PaperScore {
  const required = gold.results.filter((result) => result.required).map((result) => result.value);
  const empty = { text: '', lengthOk: false, cut: null };
  if (brief === undefined)
    return {
      title: gold.title,
      briefed: false,
      requiredMatched: [],
      requiredMissed: required,
      predictions: [],
      methodName: { predicted: null, gold: gold.method_name, correct: false },
      codeUrl: { predicted: null, gold: gold.code_url, correct: false },
      contributionType: { predicted: null, gold: gold.contribution_type, correct: false },
      tldr: empty,
      tags: null,
    };
  const source = literal(abstract);
  const used = new Set<number>();
  const predictions = brief.claimed_results.map((result): PredictionScore => {
    const first = valueNumbers(result.value)[0];
    const index =
      first === undefined
        ? -1
        : gold.results.findIndex((goldResult) => valueNumbers(goldResult.value).includes(first));
    const match = gold.results[index];
    if (match) used.add(index);
    const evidence = literal(result.evidence);
    return {
      value: result.value,
      dataset: result.dataset,
      matchedGold: match?.value ?? null,
      goldDataset: match?.dataset ?? null,
      datasetAgrees: match?.dataset ? datasetsAgree(result.dataset, match.dataset) : null,
      grounded: source.includes(literal(result.value)) && evidence.length > 0 && source.includes(evidence),
    };
  });
  const requiredIndexes = gold.results.flatMap((result, index) => (result.required ? [index] : []));
  const names = gold.method_name === null ? [] : [gold.method_name, ...gold.method_name_alternatives];
  const predictedName = brief.method_name;
  const tldr = brief.tldr;
  const tldrWords = tldr.split(/\s+/).filter(Boolean).length;
  return {
    title: gold.title,
    briefed: true,
    requiredMatched: requiredIndexes
      .filter((index) => used.has(index))
      .map((index) => gold.results[index]?.value ?? ''),
    requiredMissed: requiredIndexes
      .filter((index) => !used.has(index))
      .map((index) => gold.results[index]?.value ?? ''),
    predictions,
    methodName: {
      predicted: predictedName,
      gold: gold.method_name,
      correct:
        predictedName === null
          ? gold.method_name === null
          : predictedName.length > 0 &&
            names.some((name) => predictedName.trim().toLowerCase() === name.toLowerCase()),
    },
    codeUrl: {
      predicted: brief.code_url,
      gold: gold.code_url,
      correct: (brief.code_url || null) === gold.code_url,
    },
    contributionType: {
      predicted: brief.contribution_type,
      gold: gold.contribution_type,
      correct: brief.contribution_type === gold.contribution_type,
    },
    tldr: { text: tldr, lengthOk: tldrWords >= 8 && tldrWords <= 40, cut: cutSentence(tldr, abstract) },
    tags: scoreTags(gold, brief),
  };
}
