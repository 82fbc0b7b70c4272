import type { Rate, ScoreReport } from './score-briefs.js';

/** The figures of a score report that have a row in the table (and may have a floor). */
export type FigureKey =
  | 'resultsRecall'
  | 'resultsPrecision'
  | 'datasetAttribution'
  | 'methodName'
  | 'codeUrl'
  | 'groundedRate'
  | 'tldrLength'
  | 'tldrCut'
  | 'contributionType'
  | 'tagsPrecision'
  | 'tagsRecall'
  | 'tagsPerBrief';

/** A bound per figure: a minimum, or for `tldrCut` and `tagsPerBrief` a maximum. Null: no bound. */
export type QualityFloors = Readonly<Record<FigureKey, number | null>>;

export interface Figure {
  key: FigureKey;
  label: string;
  /** `lower`: the floor is a ceiling (cut TL;DRs, tags per brief). */
  better: 'higher' | 'lower';
  /** Shown as a ratio (`7.65`) rather than a share (`0.765`). */
  ratio?: boolean;
}

export const FIGURES: readonly Figure[] = [
  { key: 'resultsRecall', label: 'results recall', better: 'higher' },
  { key: 'resultsPrecision', label: 'results precision', better: 'higher' },
  { key: 'datasetAttribution', label: 'dataset attribution', better: 'higher' },
  { key: 'methodName', label: 'method name', better: 'higher' },
  { key: 'codeUrl', label: 'code URL', better: 'higher' },
  { key: 'groundedRate', label: 'grounded rate', better: 'higher' },
  { key: 'tldrLength', label: 'TL;DR 8-40 words', better: 'higher' },
  { key: 'tldrCut', label: 'TL;DR cut', better: 'lower' },
  { key: 'contributionType', label: 'contribution type', better: 'higher' },
  { key: 'tagsPrecision', label: 'tags precision', better: 'higher' },
  { key: 'tagsRecall', label: 'tags recall (core)', better: 'higher' },
  { key: 'tagsPerBrief', label: 'tags per brief', better: 'lower', ratio: true },
];

/** The quality floors of issues 2 and 9, met on the dev page with the frozen taxonomy-1. */
export const QUALITY_FLOORS: QualityFloors = {
  resultsRecall: 0.9,
  resultsPrecision: 0.9,
  datasetAttribution: 0.8,
  methodName: 0.9,
  codeUrl: 1,
  groundedRate: 1,
  tldrLength: 1,
  tldrCut: 0.05,
  contributionType: 0.9,
  tagsPrecision: 0.9,
  tagsRecall: 0.7,
  tagsPerBrief: 5,
};

/** True when the figure is within its bound; a figure with nothing to count (null) passes vacuously. */
export function meetsFloor(figure: Figure, value: Rate, floor: number | null): boolean {
  if (floor === null || value.rate === null) return true;
  return figure.better === 'higher' ? value.rate + 1e-9 >= floor : value.rate - 1e-9 <= floor;
}

/** The figures the report misses, as row labels; empty when every floor holds. */
export function missedFloors(report: ScoreReport, floors: QualityFloors = QUALITY_FLOORS): string[] {
  return FIGURES.filter((figure) => !meetsFloor(figure, report[figure.key], floors[figure.key])).map(
    (figure) => figure.label,
  );
}
