import { readInput, readInputFile, type Format, type RecordResult, type SeenIds } from '../sources/index.js';

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
      records =
        path === '-'
          ? readInput(await readAll(options.stdin), { sourceName, format, seenIds }).records
          : (await readInputFile(path, { format, seenIds })).records;
    } catch (error) {
      yield { kind: 'unreadable', sourceName, error };
      continue;
    }
    for (const record of records) {
      yield record.kind === 'error' ? record : { ...record, location: `${sourceName} ${record.location}` };
    }
  }
}

async function readAll(stream: NodeJS.ReadableStream | undefined): Promise<Uint8Array> {
  if (!stream) throw new Error('standard input is not available');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
