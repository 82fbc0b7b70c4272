import type { Rate, ScoreReport } from './score-briefs.js';

/** The quality floors of the issue (dev page and held-out page alike). Null: reported, no floor. */
export const QUALITY_FLOORS = {
  resultsRecall: 0.9,
  resultsPrecision: 0.9,
  datasetAttribution: null,
  methodName: 0.9,
  codeUrl: 1,
  groundedRate: 1,
  contributionType: null,
} as const satisfies Record<RowKey, number | null>;

type RowKey =
  | 'resultsRecall'
  | 'resultsPrecision'
  | 'datasetAttribution'
  | 'methodName'
  | 'codeUrl'
  | 'groundedRate'
  | 'contributionType';

const ROWS: ReadonlyArray<readonly [RowKey, string]> = [
  ['resultsRecall', 'results recall'],
  ['resultsPrecision', 'results precision'],
  ['datasetAttribution', 'dataset attribution'],
  ['methodName', 'method name'],
  ['codeUrl', 'code URL'],
  ['groundedRate', 'grounded rate'],
  ['contributionType', 'contribution type'],
];

/** True when the rate reaches its floor; a rate with nothing to count (null) passes vacuously. */
function meets(value: Rate, floor: number | null): boolean {
  return floor === null || value.rate === null || value.rate + 1e-9 >= floor;
}

/** The floors the report misses, as row labels; empty when every floor holds. */
export function missedFloors(report: ScoreReport): string[] {
  return ROWS.filter(([key]) => !meets(report[key], QUALITY_FLOORS[key])).map(([, label]) => label);
}

export interface FormatOptions {
  /** Add one line per paper with missed results, precision errors or a wrong name/URL. @default false */
  details?: boolean;
}

/** The report as a plain-text table (one row per figure, with its floor), for the terminal. */
export function formatScoreTable(report: ScoreReport, options: FormatOptions = {}): string {
  const lines = [
    `papers: ${report.goldPapers} in gold, ${report.briefedPapers} briefed` +
      (report.missingBriefs.length > 0 ? `, ${report.missingBriefs.length} without a brief` : '') +
      (report.unscoredBriefs.length > 0
        ? `, ${report.unscoredBriefs.length} briefs not in gold (not scored)`
        : ''),
    '',
    `${'figure'.padEnd(22)}${'score'.padStart(7)}  ${'count'.padEnd(11)}${'floor'.padEnd(8)}ok`,
  ];
  for (const [key, label] of ROWS) {
    const value = report[key];
    const floor = QUALITY_FLOORS[key];
    const score = value.rate === null ? 'n/a' : value.rate.toFixed(3);
    lines.push(
      `${label.padEnd(22)}${score.padStart(7)}  ${`${value.correct}/${value.total}`.padEnd(11)}` +
        `${(floor === null ? '-' : `>= ${floor.toFixed(2)}`).padEnd(8)}${floor === null ? '' : meets(value, floor) ? 'yes' : 'NO'}`,
    );
  }
  if (options.details) {
    lines.push('');
    for (const paper of report.details) {
      const problems: string[] = [];
      if (!paper.briefed) problems.push('no brief');
      if (paper.requiredMissed.length > 0) problems.push(`missed ${paper.requiredMissed.join(', ')}`);
      const wrong = paper.predictions.filter((prediction) => prediction.matchedGold === null);
      if (wrong.length > 0)
        problems.push(`not in gold ${wrong.map((prediction) => prediction.value).join(', ')}`);
      const ungrounded = paper.predictions.filter((prediction) => !prediction.grounded);
      if (ungrounded.length > 0)
        problems.push(`ungrounded ${ungrounded.map((prediction) => prediction.value).join(', ')}`);
      if (paper.briefed && !paper.methodName.correct)
        problems.push(
          `method name ${JSON.stringify(paper.methodName.predicted)} (gold ${JSON.stringify(paper.methodName.gold)})`,
        );
      if (paper.briefed && !paper.codeUrl.correct)
        problems.push(
          `code URL ${JSON.stringify(paper.codeUrl.predicted)} (gold ${JSON.stringify(paper.codeUrl.gold)})`,
        );
      if (problems.length > 0) lines.push(`- ${paper.title}: ${problems.join('; ')}`);
    }
  }
  return lines.join('\n');
}
