export { readArxivAtom, type ArxivAtomOptions } from './arxiv-atom.js';
export { dedupeRecords, type SeenIds } from './dedupe-records.js';
export { detectFormat, detectInput, jsonValueFormat, type Detection } from './detect.js';
export { readHfApi, type HfApiOptions } from './hf-api.js';
export { inferPageYear, readHfPage, type HfPageOptions } from './hf-page.js';
export { readJsonPapers, type JsonPapersOptions } from './json.js';
export { readJsonl, type JsonlOptions } from './jsonl.js';
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
