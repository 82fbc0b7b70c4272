import type { InvalidRecordError } from '../errors.js';
import type { Paper } from '../papers/paper.js';

/** The input formats paperbrief reads. Each has one reader in this folder. */
export const FORMATS = ['jsonl', 'json', 'hf-page', 'hf-api', 'arxiv-atom'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * What a reader yields for each record of its input, in input order:
 * - `paper`: a valid paper; `location` names the record (`line 12`, `index 3`, `paper 7 (line 40)`);
 * - `error`: the record could not be read; the error names the record and the field;
 * - `duplicate`: a paper whose id was already yielded (by this input, or by an earlier input of the
 *   same read); it is not yielded again.
 */
export type RecordResult =
  | { kind: 'paper'; paper: Paper; location: string }
  | { kind: 'error'; error: InvalidRecordError }
  | { kind: 'duplicate'; paperId: string; location: string; firstLocation: string };
