import { FIGURES, QUALITY_FLOORS, meetsFloor, type QualityFloors } from './quality-floors.js';
import type { ScoreReport } from './score-briefs.js';
import { titleKey, type PaperScore } from './score-paper.js';

/** Why a summarizer chose what it chose for one paper, when it can say (the extractive one can). */
export interface BriefExplanation {
  /** Tag id → the phrase of the title or abstract that earned it. */
  tags: Readonly<Record<string, string>>;
  /** Names of the rules that fired for this paper, one entry per firing. */
  rules: readonly string[];
}

export interface FormatOptions {
  /** Add one line per paper naming every miss of every field, and the rules that fired. @default false */
  details?: boolean;
  /** The bounds shown and checked. @default QUALITY_FLOORS */
  floors?: QualityFloors;
  /** Per paper, keyed by `titleKey(title)`: why its tags and rules were chosen. */
  explanations?: ReadonlyMap<string, BriefExplanation>;
}

const quote = (text: string | null): string => JSON.stringify(text);

function paperProblems(paper: PaperScore, explanation: BriefExplanation | undefined): string[] {
  if (!paper.briefed) return ['no brief'];
  const problems: string[] = [];
  if (paper.requiredMissed.length > 0) problems.push(`missed ${paper.requiredMissed.join(', ')}`);
  const wrong = paper.predictions.filter((prediction) => prediction.matchedGold === null);
  if (wrong.length > 0)
    problems.push(`not in gold ${wrong.map((prediction) => prediction.value).join(', ')}`);
  const ungrounded = paper.predictions.filter((prediction) => !prediction.grounded);
  if (ungrounded.length > 0)
    problems.push(`ungrounded ${ungrounded.map((prediction) => prediction.value).join(', ')}`);
  for (const prediction of paper.predictions.filter((scored) => scored.datasetAgrees === false))
    problems.push(
      `dataset of ${prediction.value} ${quote(prediction.dataset)} (gold ${quote(prediction.goldDataset)})`,
    );
  if (!paper.methodName.correct)
    problems.push(`method name ${quote(paper.methodName.predicted)} (gold ${quote(paper.methodName.gold)})`);
  if (!paper.codeUrl.correct)
    problems.push(`code URL ${quote(paper.codeUrl.predicted)} (gold ${quote(paper.codeUrl.gold)})`);
  if (!paper.contributionType.correct)
    problems.push(
      `contribution type ${paper.contributionType.predicted} (gold ${paper.contributionType.gold})`,
    );
  if (!paper.tldr.lengthOk) problems.push(`TL;DR not 8-40 words ${quote(paper.tldr.text)}`);
  if (paper.tldr.cut !== null) problems.push(`TL;DR cut ${quote(paper.tldr.cut)}`);
  if (paper.tags) {
    const why = (tag: string): string =>
      explanation?.tags[tag] === undefined ? tag : `${tag} <- ${quote(explanation.tags[tag] ?? '')}`;
    if (paper.tags.notOk.length > 0)
      problems.push(`tags not in gold ${paper.tags.notOk.map(why).join(', ')}`);
    if (paper.tags.coreMissed.length > 0)
      problems.push(`core tags missed ${paper.tags.coreMissed.join(', ')}`);
  }
  return problems;
}

function ruleCounts(explanations: ReadonlyMap<string, BriefExplanation>): string[] {
  const counts = new Map<string, number>();
  for (const explanation of explanations.values())
    for (const rule of explanation.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return [...counts]
    .sort(([ruleA, countA], [ruleB, countB]) => countB - countA || ruleA.localeCompare(ruleB))
    .map(([rule, count]) => `  ${String(count).padStart(5)}  ${rule}`);
}

/** The report as a plain-text table (one row per figure, with its count and floor), for the terminal. */
export function formatScoreTable(report: ScoreReport, options: FormatOptions = {}): string {
  const floors = options.floors ?? QUALITY_FLOORS;
  const lines = [
    `papers: ${report.goldPapers} in gold, ${report.briefedPapers} briefed` +
      (report.missingBriefs.length > 0 ? `, ${report.missingBriefs.length} without a brief` : '') +
      (report.unscoredBriefs.length > 0
        ? `, ${report.unscoredBriefs.length} briefs not in gold (not scored)`
        : ''),
    '',
    `${'figure'.padEnd(20)}${'score'.padStart(7)}  ${'count'.padEnd(11)}${'floor'.padEnd(9)}ok`,
  ];
  for (const figure of FIGURES) {
    const value = report[figure.key];
    const floor = floors[figure.key];
    const score = value.rate === null ? 'n/a' : value.rate.toFixed(figure.ratio ? 2 : 3);
    const bound = floor === null ? '-' : `${figure.better === 'higher' ? '>=' : '<='} ${floor.toFixed(2)}`;
    const ok = floor === null || value.rate === null ? '' : meetsFloor(figure, value, floor) ? 'yes' : 'NO';
    lines.push(
      `${figure.label.padEnd(20)}${score.padStart(7)}  ${`${value.correct}/${value.total}`.padEnd(11)}${bound.padEnd(9)}${ok}`,
    );
  }
  if (options.details) {
    lines.push('');
    for (const paper of report.details) {
      const explanation = options.explanations?.get(titleKey(paper.title));
      const problems = paperProblems(paper, explanation);
      if (problems.length > 0) lines.push(`- ${paper.title}: ${problems.join('; ')}`);
    }
    if (options.explanations && options.explanations.size > 0)
      lines.push('', 'rules fired (firings over all papers):', ...ruleCounts(options.explanations));
  }
  return lines.join('\n');
}
