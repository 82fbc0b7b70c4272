import { describeError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { inputRecords } from '../runner/index.js';
import type { Format } from '../sources/index.js';
import type { CliContext } from './cli-context.js';

export interface ReadPapers {
  papers: Paper[];
  /** Records or inputs that could not be read (each printed as it was met). */
  failed: number;
  duplicates: number;
}

/**
 * Reads every paper of the inputs into memory, as `summarize` reads them (formats, dedupe), for
 * commands that need the whole list first (`batch submit`, `--dry-run`). Each bad record or
 * input is printed to stderr naming the record and field.
 */
export async function readPapers(
  context: CliContext,
  inputs: readonly string[],
  format: Format | 'auto',
): Promise<ReadPapers> {
  const result: ReadPapers = { papers: [], failed: 0, duplicates: 0 };
  for await (const record of inputRecords(inputs, { format, stdin: context.stdin })) {
    if (record.kind === 'paper') result.papers.push(record.paper);
    else if (record.kind === 'duplicate') result.duplicates++;
    else {
      result.failed++;
      const where = record.kind === 'unreadable' ? `${record.sourceName}: ` : '';
      context.stderr.write(`failed: ${where}${describeError(record.error)}\n`);
    }
  }
  return result;
}
