export {
  EXTRACTIVE_RULES_VERSION,
  createExtractiveSummarizer,
  extractivePromptVersion,
  extractBriefContent,
  type ExtractiveSummarizerOptions,
} from './extractive-summarizer.js';
export { extractClaimedResults, explainQuantities, type LocatedResult } from './claimed-results.js';
export { findCodeUrl, findUrls } from './code-url.js';
export { findContributionType } from './contribution-type.js';
export { MAX_TLDR_WORDS, MIN_TLDR_WORDS, composeTldr, headlineTldr } from './headline-tldr.js';
export { explainBrief, type ExtractiveExplanation } from './explain-brief.js';
export {
  DEFAULT_MAX_TAGS,
  explainTags,
  matchTags,
  type TagChoice,
  type TagExplanation,
} from './match-tags.js';
export { CONTRIBUTION_RULES, contributionRule, type ContributionRule } from './contribution-rules.js';
export { TAG_RULES, type TagRule } from './tag-rules.js';
export { TAG_IMPLICATIONS, TAG_SPECIALISATIONS } from './tag-implications.js';
export { findMethodName, looksLikeName } from './method-name.js';
export { findQuantities } from './quantities.js';
export { type Quantity, type QuantityKind } from './quantity.js';
export { splitSentences, type Sentence } from './sentences.js';
