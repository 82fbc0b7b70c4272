import { paperFromRecord, recordError, type PaperOrError } from './paper-from-record.js';

export interface JsonlOptions {
  /** The input's name in messages (a file path, `<stdin>`). */
  sourceName: string;
}

const NEWLINE = 0x0a;

/**
 * Reads JSON Lines: one paper object per line, blank lines skipped. Lazy: each line is decoded,
 * parsed and validated only when the consumer asks for it, so a 10,000-line backlog never sits in
 * memory as papers. Each line is decoded on its own with a strict UTF-8 decoder, so one line of
 * bad bytes (or broken JSON) is an error result for `line N` and the other lines still read.
 */
export function* readJsonl(input: Uint8Array | string, options: JsonlOptions): Generator<PaperOrError> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // One decoder per input: `fatal` throws on bad bytes; a BOM at the start of line 1 is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let lineNumber = 1; start < bytes.length; lineNumber += 1) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    const result = jsonlLine(bytes.subarray(start, end), lineNumber, decoder, options.sourceName);
    start = end + 1;
    if (result) yield result;
  }
}

/** Longest line the streaming reader holds, in bytes: a longer one is an error for that line. */
export const MAX_JSONL_LINE_BYTES = 16 * 1024 * 1024;

/**
 * {@link readJsonl} over a stream of chunks (a file or stdin read piece by piece): memory holds
 * one chunk and one line, never the input, so inputs of any size are read. A line longer than
 * MAX_JSONL_LINE_BYTES is an error result for that line (its bytes are skipped, not kept).
 */
export async function* readJsonlStream(
  chunks: AsyncIterable<Uint8Array>,
  options: JsonlOptions,
): AsyncGenerator<PaperOrError> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let lineNumber = 1;
  const finishLine = (tail: Uint8Array): PaperOrError | undefined => {
    const where = { sourceName: options.sourceName, location: `line ${lineNumber}` };
    let result: PaperOrError | undefined;
    if (overlong) {
      result = recordError(where, `longer than ${MAX_JSONL_LINE_BYTES} bytes`);
    } else {
      const line = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
      result = jsonlLine(line, lineNumber, decoder, options.sourceName);
    }
    pending = [];
    pendingBytes = 0;
    overlong = false;
    lineNumber += 1;
    return result;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) break;
      const result = finishLine(chunk.subarray(start, newline));
      if (result) yield result;
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0 || overlong) continue;
    pendingBytes += rest.length;
    if (pendingBytes > MAX_JSONL_LINE_BYTES) {
      overlong = true;
      pending = [];
    } else {
      // A copy: the stream may reuse its chunk's memory.
      pending.push(Uint8Array.from(rest));
    }
  }
  if (pendingBytes > 0 || overlong) {
    const result = finishLine(new Uint8Array(0));
    if (result) yield result;
  }
}

/** One line's result, or undefined for a blank line. */
function jsonlLine(
  lineBytes: Uint8Array,
  lineNumber: number,
  decoder: { decode(input: Uint8Array): string },
  sourceName: string,
): PaperOrError | undefined {
  const where = { sourceName, location: `line ${lineNumber}` };
  let line: string;
  try {
    line = decoder.decode(lineBytes).trim();
  } catch {
    return recordError(where, 'not valid UTF-8');
  }
  if (line === '') return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return recordError(where, `not valid JSON (${(error as Error).message})`);
  }
  return paperFromRecord(record, { ...where, source: 'jsonl' });
}
