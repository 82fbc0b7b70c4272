import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../errors.js';
import type { PaperSource } from '../papers/paper.js';
import { readArxivAtom } from './arxiv-atom.js';
import { dedupeRecords, type SeenIds } from './dedupe-records.js';
import { detectInput, jsonValueFormat, type Detection } from './detect.js';
import { readHfApi } from './hf-api.js';
import { readHfPage } from './hf-page.js';
import { readJsonPapers } from './json.js';
import { readJsonl } from './jsonl.js';
import type { PaperOrError } from './paper-from-record.js';
import type { Format, RecordResult } from './record-result.js';

export interface ReadInputOptions {
  /** The input's name in messages and locations: a file path, `<stdin>`, `request body`. */
  sourceName: string;
  /** The input's format, or `auto` to detect it from the content. @default 'auto' */
  format?: Format | 'auto' | undefined;
  /** hf-page only: the year of dates printed without one. @default inferred from the page */
  pageYear?: number | undefined;
  /** hf-page only: the clock bounding the inferred page year. @default () => new Date() */
  now?: (() => Date) | undefined;
  /** Ids read by earlier inputs of the same run; papers already there come out as `duplicate`. */
  seenIds?: SeenIds | undefined;
}

/** One input, read: its format and its records in input order. */
export interface InputRecords {
  sourceName: string;
  format: Format;
  /** Lazy for JSON Lines (one line at a time); iterate once. */
  records: Iterable<RecordResult>;
}

/**
 * Reads one input (bytes or text) in any supported format. Each record comes out as a paper, an
 * error naming the record and field, or a duplicate of an id read before; one bad record never
 * stops the others.
 * @throws InvalidInputError when the input as a whole is unusable: undetectable format, binary,
 *   not UTF-8 (except JSON Lines, decoded per line), unparseable JSON or XML.
 */
export function readInput(input: Uint8Array | string, options: ReadInputOptions): InputRecords {
  const { sourceName } = options;
  const decoded = typeof input === 'string' ? { text: input, utf8: true } : decode(input);
  const detection: Detection =
    options.format === undefined || options.format === 'auto'
      ? detectInput(decoded.text, sourceName)
      : { format: options.format };
  const { format } = detection;

  let results: Iterable<PaperOrError>;
  if (format === 'jsonl') {
    // Per-line decoding keeps a line of bad bytes from spoiling the rest.
    results = readJsonl(input, { sourceName });
  } else {
    if (!decoded.utf8) throw new InvalidInputError(`${sourceName}: not valid UTF-8 text`);
    const text = decoded.text.replace(/^\uFEFF/, '');
    if (format === 'hf-page') {
      results = readHfPage(text, { sourceName, pageYear: options.pageYear, now: options.now });
    } else if (format === 'arxiv-atom') {
      results = readArxivAtom(text, { sourceName });
    } else {
      const value = detection.json ? detection.json.value : parseJson(text, sourceName);
      results =
        format === 'hf-api' ? readHfApi(value, { sourceName }) : readJsonPapers(value, { sourceName });
    }
  }
  return { sourceName, format, records: dedupeRecords(results, sourceName, options.seenIds ?? new Map()) };
}

/**
 * Reads one file with {@link readInput}; the path is the source name.
 * @throws InvalidInputError when the file cannot be read or is unusable as a whole.
 */
export async function readInputFile(
  path: string,
  options: Omit<ReadInputOptions, 'sourceName'> = {},
): Promise<InputRecords> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InvalidInputError(
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      {
        cause: error,
      },
    );
  }
  return readInput(bytes, { ...options, sourceName: path });
}

/**
 * Reads several files as one input, in order: a paper whose id an earlier file (or an earlier
 * record) already gave comes out as `duplicate`. Each file is read only when the previous one's
 * records have been asked for.
 * @throws InvalidInputError from {@link readInputFile}, when the unusable file is reached.
 */
export async function* readInputFiles(
  paths: readonly string[],
  options: Omit<ReadInputOptions, 'sourceName'> = {},
): AsyncGenerator<InputRecords> {
  const seenIds: SeenIds = options.seenIds ?? new Map();
  for (const path of paths) yield await readInputFile(path, { ...options, seenIds });
}

export interface ReadPaperValuesOptions {
  /** The values' name in messages: `request body`. */
  sourceName: string;
  /** `paper.source` of papers that do not name one. @default 'json' */
  source?: PaperSource | undefined;
  seenIds?: SeenIds | undefined;
}

/**
 * Reads already-parsed JSON values (an HTTP body): one paper object, an array of papers,
 * `{ papers: [...] }`, or Hugging Face API items (`{ paper: {...} }`). Items are `index N`
 * (0-based), a single object is `object`. Duplicate ids come out as `duplicate`.
 * @throws InvalidInputError when the value is not an object or an array.
 */
export function readPaperValues(value: unknown, options: ReadPaperValuesOptions): RecordResult[] {
  const { sourceName } = options;
  const results =
    jsonValueFormat(value) === 'hf-api'
      ? readHfApi(value, { sourceName })
      : readJsonPapers(value, { sourceName, source: options.source });
  return [...dedupeRecords(results, sourceName, options.seenIds ?? new Map())];
}

function decode(bytes: Uint8Array): { text: string; utf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), utf8: true };
  } catch {
    // Still readable for detection; only JSON Lines may go on (line by line).
    return { text: new TextDecoder('utf-8').decode(bytes), utf8: false };
  }
}

function parseJson(text: string, sourceName: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(`${sourceName}: not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}
