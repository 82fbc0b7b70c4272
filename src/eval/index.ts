export {
  GoldPaperSchema,
  GoldResultSchema,
  GoldSchema,
  parseGold,
  type Gold,
  type GoldPaper,
  type GoldResult,
} from './gold.js';
export { QUALITY_FLOORS, formatScoreTable, missedFloors, type FormatOptions } from './format-score-table.js';
export {
  scoreBriefs,
  titleKey,
  type PaperScore,
  type PredictionScore,
  type Rate,
  type ScoreInput,
  type ScoreReport,
} from './score-briefs.js';
export { firstNumber, sameNumber, valueMatches, valueNumbers } from './value-numbers.js';
