export {
  BriefContentSchema,
  BriefPaperSchema,
  BriefSchema,
  ClaimedResultSchema,
  ContributionTypeSchema,
  ProvenanceSchema,
  TagSchema,
  UsageSchema,
  briefKeyOf,
  type Brief,
  type BriefContent,
  type BriefKey,
  type ClaimedResult,
  type ContributionType,
  type Provenance,
  type Usage,
} from './brief.js';
export { BRIEF_JSON_SCHEMA_PATH, briefJsonSchema, briefJsonSchemaText } from './brief-json-schema.js';
export {
  groundContent,
  groundingSource,
  groundingWarnings,
  type GroundingIssue,
  type GroundingResult,
} from './grounding.js';
export {
  collapseWhitespace,
  findInSource,
  foldText,
  numbersIn,
  ungroundedNumbers,
  type FoldedText,
} from './source-text.js';
export { DEFAULT_TAXONOMY_PATH, TaxonomySchema, loadTaxonomy, tagIds, type Taxonomy } from './taxonomy.js';
