export { inferPageYear, readHfPage, type HfPageOptions } from './hf-page.js';
export { paperFromRecord, type PaperOrError, type RecordContext } from './paper-from-record.js';
export { FORMATS, type Format, type RecordResult } from './record-result.js';
