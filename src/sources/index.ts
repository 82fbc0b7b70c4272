export { readArxivAtom, type ArxivAtomOptions } from './arxiv-atom.js';
export { dedupeRecord, dedupeRecords, type SeenIds } from './dedupe-records.js';
export {
  detectFormat,
  detectInput,
  FORMAT_LIST,
  jsonValueFormat,
  looksLikeJsonl,
  type Detection,
} from './detect.js';
export { readHfApi, type HfApiOptions } from './hf-api.js';
export { inferPageYear, readHfPage, type HfPageOptions } from './hf-page.js';
export { readJsonPapers, type JsonPapersOptions } from './json.js';
export { MAX_JSONL_LINE_BYTES, readJsonl, readJsonlStream, type JsonlOptions } from './jsonl.js';
export { paperFromRecord, type PaperOrError, type RecordContext } from './paper-from-record.js';
export {
  readInput,
  readInputFile,
  readInputFiles,
  readPaperValues,
  type InputRecords,
  type ReadInputOptions,
  type ReadPaperValuesOptions,
} from './read-input.js';
export { FORMATS, type Format, type RecordResult } from './record-result.js';
