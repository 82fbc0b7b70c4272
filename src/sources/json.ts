import { InvalidInputError } from '../errors.js';
import type { PaperSource } from '../papers/paper.js';
import { describeValue, isPlainObject, paperFromRecord, type PaperOrError } from './paper-from-record.js';

export interface JsonPapersOptions {
  /** The input's name in messages (a file path, `request body`). */
  sourceName: string;
  /** `paper.source` for records that do not name one. @default 'json' */
  source?: PaperSource | undefined;
}

/**
 * Reads papers from an already-parsed JSON value: an array of papers, `{ papers: [...] }`, or a
 * single paper object (an HTTP body).
 * @throws InvalidInputError when the value is none of these shapes.
 */
export function readJsonPapers(value: unknown, options: JsonPapersOptions): PaperOrError[] {
  const context = { sourceName: options.sourceName, source: options.source ?? 'json' };
  return locatedItems(value, options.sourceName).map(({ item, location }) =>
    paperFromRecord(item, { ...context, location }),
  );
}

/**
 * The records of a JSON input with their locations: the items of an array or of an object's
 * `papers` array (`index N`, 0-based), or a single object without `papers` (`object`).
 * @throws InvalidInputError for anything else (a string, a number, `papers` that is no array).
 */
export function locatedItems(value: unknown, sourceName: string): Array<{ item: unknown; location: string }> {
  const indexed = (items: readonly unknown[]) =>
    items.map((item, index) => ({ item, location: `index ${index}` }));
  if (Array.isArray(value)) return indexed(value);
  if (isPlainObject(value)) {
    if (value.papers === undefined) return [{ item: value, location: 'object' }];
    if (Array.isArray(value.papers)) return indexed(value.papers);
    throw new InvalidInputError(
      `${sourceName}: "papers" must be an array, got ${describeValue(value.papers)}`,
    );
  }
  throw new InvalidInputError(
    `${sourceName}: expected an array of papers or an object, got ${describeValue(value)}`,
  );
}
