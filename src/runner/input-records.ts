import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../errors.js';
import { readInput, type Format, type RecordResult, type SeenIds } from '../sources/index.js';

/** A whole input that could not be read (missing file, unknown format, not JSON): one failure. */
export interface UnreadableInput {
  kind: 'unreadable';
  sourceName: string;
  error: unknown;
}

/** What the runner consumes: the readers' records, plus inputs that could not be read at all. */
export type RunRecord = RecordResult | UnreadableInput;

export interface InputRecordsOptions {
  /** Format of every input, or `auto` to detect each one. @default 'auto' */
  format?: Format | 'auto' | undefined;
  /** Standard input, read when a path is `-`. */
  stdin?: NodeJS.ReadableStream | undefined;
  /** Told when an input has been opened, with how many records it holds (for a progress bar). */
  onInput?: (input: { sourceName: string; format: Format; records: number }) => void;
}

/** The name `-` stands for in messages. */
export const STDIN_NAME = '<stdin>';

/**
 * The records of several inputs (file paths, `-` for standard input) in order, each file read
 * only when the previous one is done. Paper ids are de-duplicated across inputs; locations name
 * their input (`papers.jsonl line 3`); an input that cannot be read at all is one `unreadable`
 * record and the next input goes on.
 */
export async function* inputRecords(
  paths: readonly string[],
  options: InputRecordsOptions = {},
): AsyncGenerator<RunRecord> {
  const seenIds: SeenIds = new Map();
  const format = options.format ?? 'auto';
  for (const path of paths) {
    const sourceName = path === '-' ? STDIN_NAME : path;
    let records: Iterable<RecordResult>;
    try {
      const bytes = path === '-' ? await readAll(options.stdin) : await readBytes(path);
      const input = readInput(bytes, { sourceName, format, seenIds });
      // JSON Lines stay lazy (one line at a time) and are counted by their lines; the other
      // formats are parsed whole by their readers anyway.
      records = input.format === 'jsonl' ? input.records : [...input.records];
      const count = Array.isArray(records) ? records.length : countLines(bytes);
      options.onInput?.({ sourceName, format: input.format, records: count });
    } catch (error) {
      yield { kind: 'unreadable', sourceName, error };
      continue;
    }
    for (const record of records) {
      yield record.kind === 'error' ? record : { ...record, location: `${sourceName} ${record.location}` };
    }
  }
}

/** Lines holding more than white space: the records of a JSON Lines input. */
function countLines(bytes: Uint8Array): number {
  let count = 0;
  let blank = true;
  for (const byte of bytes) {
    if (byte === 0x0a) {
      if (!blank) count++;
      blank = true;
    } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InvalidInputError(`${path}: cannot read the file (${code})`, { cause: error });
  }
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Uint8Array> {
  if (!stream) throw new Error('standard input is not available');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
