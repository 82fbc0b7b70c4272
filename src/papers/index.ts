export {
  MAX_ABSTRACT_CHARS,
  MAX_TITLE_CHARS,
  PaperInputSchema,
  PaperSchema,
  PaperSourceSchema,
  type Paper,
  type PaperInput,
  type PaperSource,
} from './paper.js';
export { inputHash, normaliseTitle, paperId, titleHashId, versionlessArxivId } from './paper-id.js';
