export {
  GoldPaperSchema,
  GoldResultSchema,
  GoldSchema,
  parseGold,
  type Gold,
  type GoldPaper,
  type GoldResult,
} from './gold.js';
export { formatScoreTable, type BriefExplanation, type FormatOptions } from './format-score-table.js';
export {
  FIGURES,
  QUALITY_FLOORS,
  meetsFloor,
  missedFloors,
  type Figure,
  type FigureKey,
  type QualityFloors,
} from './quality-floors.js';
export { scoreBriefs, type Rate, type ScoreInput, type ScoreReport } from './score-briefs.js';
export { scorePaper, titleKey, type PaperScore, type PredictionScore } from './score-paper.js';
export { cutSentence, scoredWords } from './tldr-cut.js';
export { firstNumber, valueMatches, valueNumbers } from './value-numbers.js';
