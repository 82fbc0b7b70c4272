import type { PaperOrError } from './paper-from-record.js';
import type { RecordResult } from './record-result.js';

/**
 * The ids already read in one run, each with where it was first read. Share one between the
 * inputs of a run to brief each paper once across files.
 */
export type SeenIds = Map<string, { sourceName: string; location: string }>;

/**
 * Passes `results` through, turning a paper whose id is in `seen` into a `duplicate` (the first
 * one wins) and recording every new id. Lazy, so `seen` grows as the consumer reads.
 */
export function* dedupeRecords(
  results: Iterable<PaperOrError>,
  sourceName: string,
  seen: SeenIds,
): Generator<RecordResult> {
  for (const result of results) yield dedupeRecord(result, sourceName, seen);
}

/** One result of {@link dedupeRecords}: a paper whose id is in `seen` becomes a `duplicate`. */
export function dedupeRecord(result: PaperOrError, sourceName: string, seen: SeenIds): RecordResult {
  if (result.kind !== 'paper') return result;
  const first = seen.get(result.paper.id);
  if (first) {
    const firstLocation =
      first.sourceName === sourceName ? first.location : `${first.sourceName} ${first.location}`;
    return { kind: 'duplicate', paperId: result.paper.id, location: result.location, firstLocation };
  }
  seen.set(result.paper.id, { sourceName, location: result.location });
  return result;
}
