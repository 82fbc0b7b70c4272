import { createReadStream } from 'node:fs';
import { InvalidInputError } from '../errors.js';
import {
  dedupeRecord,
  looksLikeJsonl,
  readInput,
  readJsonlStream,
  type Format,
  type RecordResult,
  type SeenIds,
} from '../sources/index.js';
import { takeHead, type StreamHead } from './take-head.js';

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
  /**
   * Told when an input has been opened, with how many records it holds when known (for a
   * progress bar); a streamed input is counted as it is read.
   */
  onInput?: (input: { sourceName: string; format: Format; records: number | undefined }) => void;
  /**
   * Largest input read whole, in bytes: every format but JSON Lines, which is streamed whatever
   * its size. @default 67_108_864 (64 MiB)
   */
  maxWholeInputBytes?: number;
}

/** The start of an input looked at to detect a format, in bytes. */
const HEAD_BYTES = 1024 * 1024;

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
  const maxWholeBytes = options.maxWholeInputBytes ?? 64 * 1024 * 1024;
  for (const path of paths) {
    const sourceName = path === '-' ? STDIN_NAME : path;
    let records: Iterable<RecordResult> | AsyncIterable<RecordResult>;
    let head: StreamHead | undefined;
    try {
      head = await takeHead(path === '-' ? stdinChunks(options.stdin) : fileChunks(path), HEAD_BYTES);
      const streamed =
        !head.complete &&
        (format === 'jsonl' || (format === 'auto' && looksLikeJsonl(new TextDecoder().decode(head.bytes))));
      if (streamed) {
        // Memory holds a chunk and a line, whatever the input's size (decision 0031).
        records = dedupeStream(readJsonlStream(head.chunks, { sourceName }), sourceName, seenIds);
        options.onInput?.({ sourceName, format: 'jsonl', records: undefined });
      } else {
        const bytes = head.complete ? head.bytes : await readWhole(head, sourceName, maxWholeBytes);
        const input = readInput(bytes, { sourceName, format, seenIds });
        records = input.format === 'jsonl' ? input.records : [...input.records];
        const count = Array.isArray(records) ? records.length : countLines(bytes);
        options.onInput?.({ sourceName, format: input.format, records: count });
      }
    } catch (error) {
      await head?.close();
      yield { kind: 'unreadable', sourceName, error };
      continue;
    }
    try {
      for await (const record of records) {
        yield record.kind === 'error' ? record : { ...record, location: `${sourceName} ${record.location}` };
      }
    } finally {
      await head.close();
    }
  }
}

async function* dedupeStream(
  results: AsyncIterable<Parameters<typeof dedupeRecord>[0]>,
  sourceName: string,
  seen: SeenIds,
): AsyncGenerator<RecordResult> {
  for await (const result of results) yield dedupeRecord(result, sourceName, seen);
}

/**
 * The rest of an input that is not JSON Lines, up to `maxBytes`: those formats are parsed whole.
 * @throws InvalidInputError past `maxBytes`, saying to convert the input to JSON Lines.
 */
async function readWhole(head: StreamHead, sourceName: string, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [head.bytes];
  let size = head.bytes.length;
  for await (const chunk of head.chunks) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new InvalidInputError(
        `${sourceName}: larger than ${Math.round(maxBytes / 1024 / 1024)} MiB and not JSON Lines; only JSON Lines ` +
          'is read as a stream (other formats are parsed whole): convert it to JSONL, one paper per line',
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
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

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InvalidInputError(`${path}: cannot read the file (${code})`, { cause: error });
  } finally {
    stream.destroy();
  }
}

async function* stdinChunks(stream: NodeJS.ReadableStream | undefined): AsyncGenerator<Uint8Array> {
  if (!stream) throw new Error('standard input is not available');
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}
