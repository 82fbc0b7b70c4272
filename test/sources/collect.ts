import type { Paper } from '../../src/papers/paper.js';
import type { RecordResult } from '../../src/sources/index.js';

/** The papers among reader results, in order. */
export function papersOf(results: Iterable<RecordResult>): Paper[] {
  return [...results].flatMap((result) => (result.kind === 'paper' ? [result.paper] : []));
}

/** The messages of the error results, in order. */
export function errorsOf(results: Iterable<RecordResult>): string[] {
  return [...results].flatMap((result) => (result.kind === 'error' ? [result.error.message] : []));
}
