import type { Brief } from '../briefs/brief.js';
import type { Paper } from '../papers/paper.js';
import type { Gold, GoldPaper, GoldResult } from './gold.js';
import { valueMatches } from './value-numbers.js';

/**
 * Scores briefs against gold with the rules of docs/scoring.md (a copy of the shared data's
 * "How a prediction is scored"). Briefs, gold and papers are joined by title (NFKC, white space
 * collapsed, case ignored).
 * Every figure is computed over the papers of the gold file; a gold paper without a brief counts
 * as all-wrong (its required results missed, its name and URL wrong), and briefs for papers the
 * gold does not have are listed but not scored.
 *
 * - results recall: required gold results matched by some prediction of the same paper;
 * - results precision: predictions matching any gold result of the paper, required or not;
 * - dataset attribution (defined here, before docs/scoring.md had a rule for it): among matched predictions, the share
 *   whose `dataset` agrees with the dataset of a gold result it matches: both null, or one
 *   containing the other after lower-casing and white-space collapsing (`ImageNet` ~ `ImageNet 64x64`);
 * - method name: equal to the gold name or an alternative ignoring case, or both null;
 * - code URL: equal, or both null;
 * - grounded rate: predictions whose value and evidence both occur in the abstract after NFKC and
 *   white-space collapsing (literally: no LaTeX or case folding);
 * - contribution type (informational): equal to the gold type.
 */

export interface Rate {
  correct: number;
  total: number;
  /** correct / total, or null when there was nothing to count. */
  rate: number | null;
}

export interface PredictionScore {
  value: string;
  dataset: string | null;
  /** The gold value it matches, or null when it matches none (a precision error). */
  matchedGold: string | null;
  /** Null when the prediction matches no gold result. */
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
}

export interface ScoreReport {
  goldPapers: number;
  briefedPapers: number;
  /** Gold titles with no brief. */
  missingBriefs: string[];
  /** Brief titles the gold does not have (not scored). */
  unscoredBriefs: string[];
  resultsRecall: Rate;
  resultsPrecision: Rate;
  datasetAttribution: Rate;
  methodName: Rate;
  codeUrl: Rate;
  groundedRate: Rate;
  contributionType: Rate;
  details: PaperScore[];
}

export interface ScoreInput {
  briefs: readonly Brief[];
  gold: Gold;
  /** The papers the briefs were made from: their abstracts decide the grounded rate. */
  papers: ReadonlyArray<Pick<Paper, 'title' | 'abstract'>>;
}

/** How titles are compared when joining briefs, gold and papers. */
export function titleKey(title: string): string {
  return title.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function literal(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function looseText(text: string | null): string | null {
  return text === null ? null : literal(text).toLowerCase();
}

function datasetsAgree(predicted: string | null, gold: string | null): boolean {
  const a = looseText(predicted);
  const b = looseText(gold);
  if (a === null || b === null) return a === b;
  return a.includes(b) || b.includes(a);
}

function rate(correct: number, total: number): Rate {
  return { correct, total, rate: total === 0 ? null : correct / total };
}

function scorePaper(gold: GoldPaper, brief: Brief | undefined, abstract: string | undefined): PaperScore {
  const predicted = brief?.claimed_results ?? [];
  const source = abstract === undefined ? undefined : literal(abstract);
  const predictions: PredictionScore[] = predicted.map((result) => {
    const matches = gold.results.filter((goldResult: GoldResult) =>
      valueMatches(result.value, goldResult.value),
    );
    return {
      value: result.value,
      dataset: result.dataset,
      matchedGold: matches[0]?.value ?? null,
      datasetAgrees:
        matches.length === 0 ? null : matches.some((match) => datasetsAgree(result.dataset, match.dataset)),
      grounded:
        source !== undefined &&
        literal(result.value).length > 0 &&
        source.includes(literal(result.value)) &&
        source.includes(literal(result.evidence)),
    };
  });
  const required = gold.results.filter((result) => result.required);
  const isMatched = (goldResult: GoldResult): boolean =>
    predicted.some((result) => valueMatches(result.value, goldResult.value));

  const predictedName = brief?.method_name ?? null;
  const names = [gold.method_name, ...gold.method_name_alternatives].filter(
    (name): name is string => name !== null,
  );
  const nameCorrect =
    brief !== undefined &&
    (predictedName === null
      ? gold.method_name === null
      : names.some((name) => literal(name).toLowerCase() === literal(predictedName).toLowerCase()));
  const predictedUrl = brief?.code_url ?? null;
  const urlCorrect =
    brief !== undefined &&
    (predictedUrl === null
      ? gold.code_url === null
      : gold.code_url !== null && predictedUrl.trim() === gold.code_url.trim());

  return {
    title: gold.title,
    briefed: brief !== undefined,
    requiredMatched: required.filter(isMatched).map((result) => result.value),
    requiredMissed: required.filter((result) => !isMatched(result)).map((result) => result.value),
    predictions,
    methodName: { predicted: predictedName, gold: gold.method_name, correct: nameCorrect },
    codeUrl: { predicted: predictedUrl, gold: gold.code_url, correct: urlCorrect },
    contributionType: {
      predicted: brief?.contribution_type ?? null,
      gold: gold.contribution_type,
      correct: brief?.contribution_type === gold.contribution_type,
    },
  };
}

/** Scores `briefs` against `gold`; pure (no I/O), so the CLI and tests share it. */
export function scoreBriefs(input: ScoreInput): ScoreReport {
  const briefs = new Map<string, Brief>();
  for (const brief of input.briefs)
    if (!briefs.has(titleKey(brief.paper.title))) briefs.set(titleKey(brief.paper.title), brief);
  const abstracts = new Map<string, string>();
  for (const paper of input.papers)
    if (!abstracts.has(titleKey(paper.title))) abstracts.set(titleKey(paper.title), paper.abstract);
  const goldKeys = new Set(input.gold.map((paper) => titleKey(paper.title)));

  const details = input.gold.map((gold) =>
    scorePaper(gold, briefs.get(titleKey(gold.title)), abstracts.get(titleKey(gold.title))),
  );
  const predictions = details.flatMap((paper) => paper.predictions);
  const matched = predictions.filter((prediction) => prediction.matchedGold !== null);
  const count = (test: (paper: PaperScore) => boolean): number => details.filter(test).length;
  const requiredMatched = details.reduce((sum, paper) => sum + paper.requiredMatched.length, 0);
  const requiredTotal =
    requiredMatched + details.reduce((sum, paper) => sum + paper.requiredMissed.length, 0);

  return {
    goldPapers: details.length,
    briefedPapers: count((paper) => paper.briefed),
    missingBriefs: details.filter((paper) => !paper.briefed).map((paper) => paper.title),
    unscoredBriefs: input.briefs
      .filter((brief) => !goldKeys.has(titleKey(brief.paper.title)))
      .map((brief) => brief.paper.title),
    resultsRecall: rate(requiredMatched, requiredTotal),
    resultsPrecision: rate(matched.length, predictions.length),
    datasetAttribution: rate(
      matched.filter((prediction) => prediction.datasetAgrees === true).length,
      matched.length,
    ),
    methodName: rate(
      count((paper) => paper.methodName.correct),
      details.length,
    ),
    codeUrl: rate(
      count((paper) => paper.codeUrl.correct),
      details.length,
    ),
    groundedRate: rate(predictions.filter((prediction) => prediction.grounded).length, predictions.length),
    contributionType: rate(
      count((paper) => paper.contributionType.correct),
      details.length,
    ),
    details,
  };
}
