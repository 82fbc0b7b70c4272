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
    const lineBytes = bytes.subarray(start, end);
    start = end + 1;

    const where = { sourceName: options.sourceName, location: `line ${lineNumber}` };
    let line: string;
    try {
      line = decoder.decode(lineBytes).trim();
    } catch {
      yield recordError(where, 'not valid UTF-8');
      continue;
    }
    if (line === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      yield recordError(where, `not valid JSON (${(error as Error).message})`);
      continue;
    }
    yield paperFromRecord(record, { ...where, source: 'jsonl' });
  }
}
