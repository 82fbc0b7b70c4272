import type { Brief } from '../briefs/brief.js';
import type { Paper } from '../papers/paper.js';
import type { Gold } from './gold.js';
import { scorePaper, titleKey, type PaperScore } from './score-paper.js';

/**
 * Scores briefs against gold with the rules of `../shared/data/README.md` (copied in docs/scoring.md; "How a prediction is
 * scored"), figure for figure as `../shared/tools/score_briefs.py` computes them, so the two never
 * disagree. Briefs, gold and papers are joined by `titleKey`; a later entry with the same key wins
 * (as in the scorer's dicts). A gold paper without a brief counts as all-wrong.
 *
 * - results recall: required gold results matched (a prediction marks the first gold result its
 *   first number matches); precision: predictions matching any gold result;
 * - dataset attribution: over matched predictions whose gold result names a dataset, the predicted
 *   dataset non-empty and, as `titleKey`s, one containing the other;
 * - method name (ignoring case, or both null), code URL (equal, or both null), contribution type;
 * - grounded rate: predictions whose value and evidence occur in the abstract (NFKC, white space);
 * - TL;DR length ok (8–40 words) and TL;DR cut rate (`cutSentence`);
 * - tags, when every gold paper has `tags_core`/`tags_ok`: precision (predicted tags in `tags_ok`),
 *   core recall and tags per briefed paper.
 */

export interface Rate {
  correct: number;
  total: number;
  /** correct / total, or null when there was nothing to count. */
  rate: number | null;
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
  tldrLength: Rate;
  /** Share of papers whose TL;DR is cut (lower is better). */
  tldrCut: Rate;
  contributionType: Rate;
  tagsPrecision: Rate;
  tagsRecall: Rate;
  /** Tags per briefed paper (`correct` = tags, `total` = briefed papers); null without tag gold. */
  tagsPerBrief: Rate;
  details: PaperScore[];
}

export interface ScoreInput {
  briefs: readonly Brief[];
  gold: Gold;
  /** The papers the briefs were made from: their abstracts decide the grounded rate and cut TL;DRs. */
  papers: ReadonlyArray<Pick<Paper, 'title' | 'abstract'>>;
}

function rate(correct: number, total: number): Rate {
  return { correct, total, rate: total === 0 ? null : correct / total };
}

function sum(details: readonly PaperScore[], count: (paper: PaperScore) => number): number {
  return details.reduce((total, paper) => total + count(paper), 0);
}

/** Scores `briefs` against `gold`; pure (no I/O), so the CLI and tests share it. */
export function scoreBriefs(input: ScoreInput): ScoreReport {
  const briefs = new Map(input.briefs.map((brief) => [titleKey(brief.paper.title), brief]));
  const abstracts = new Map(input.papers.map((paper) => [titleKey(paper.title), paper.abstract]));
  const gold = [...new Map(input.gold.map((paper) => [titleKey(paper.title), paper])).values()];
  const details = gold.map((paper) =>
    scorePaper(paper, briefs.get(titleKey(paper.title)), abstracts.get(titleKey(paper.title)) ?? ''),
  );
  const briefed = details.filter((paper) => paper.briefed);
  const predictions = details.flatMap((paper) => paper.predictions);
  const matched = predictions.filter((prediction) => prediction.matchedGold !== null);
  const datasetScored = matched.filter((prediction) => prediction.datasetAgrees !== null);
  const count = (test: (paper: PaperScore) => boolean): number => details.filter(test).length;
  const hasTags = gold.every((paper) => paper.tags_core !== undefined && paper.tags_ok !== undefined);
  const tagged = briefed.flatMap((paper) => (paper.tags ? [paper.tags] : []));
  const predictedTags = tagged.reduce((total, tags) => total + tags.predicted.length, 0);
  const coreTags = tagged.reduce((total, tags) => total + tags.coreFound.length + tags.coreMissed.length, 0);
  const required = sum(details, (paper) => paper.requiredMatched.length + paper.requiredMissed.length);
  const goldKeys = new Set(gold.map((paper) => titleKey(paper.title)));

  return {
    goldPapers: details.length,
    briefedPapers: briefed.length,
    missingBriefs: details.filter((paper) => !paper.briefed).map((paper) => paper.title),
    unscoredBriefs: input.briefs
      .filter((brief) => !goldKeys.has(titleKey(brief.paper.title)))
      .map((brief) => brief.paper.title),
    resultsRecall: rate(
      sum(details, (paper) => paper.requiredMatched.length),
      required,
    ),
    resultsPrecision: rate(matched.length, predictions.length),
    datasetAttribution: rate(
      datasetScored.filter((prediction) => prediction.datasetAgrees === true).length,
      datasetScored.length,
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
    tldrLength: rate(
      count((paper) => paper.tldr.lengthOk),
      details.length,
    ),
    tldrCut: rate(
      count((paper) => paper.tldr.cut !== null),
      details.length,
    ),
    contributionType: rate(
      count((paper) => paper.contributionType.correct),
      details.length,
    ),
    tagsPrecision: hasTags
      ? rate(
          tagged.reduce((total, tags) => total + tags.predicted.length - tags.notOk.length, 0),
          predictedTags,
        )
      : rate(0, 0),
    tagsRecall: hasTags
      ? rate(
          tagged.reduce((total, tags) => total + tags.coreFound.length, 0),
          coreTags,
        )
      : rate(0, 0),
    tagsPerBrief: hasTags ? rate(predictedTags, briefed.length) : rate(0, 0),
    details,
  };
}
