import type { z } from 'zod';
import { InvalidRecordError } from '../errors.js';
import { paperId } from '../papers/paper-id.js';
import { PaperInputSchema, type Paper, type PaperInput, type PaperSource } from '../papers/paper.js';
import type { RecordResult } from './record-result.js';

export interface RecordContext {
  /** The input's name in messages: a file path, `<stdin>`, `request body`. */
  sourceName: string;
  /** Where the record stands in its input: `line 12`, `index 3`, `paper 7 (line 40)`. */
  location: string;
  /** The reader's format; becomes `paper.source` unless the record names its own. */
  source: PaperSource;
  /**
   * How the input spells a paper field, for messages: the HF API's abstract is `paper.summary`.
   * @default the paper field names
   */
  fieldNames?: Partial<Record<keyof Paper, string>>;
}

export type PaperOrError = Extract<RecordResult, { kind: 'paper' | 'error' }>;

/**
 * Validates one record shaped like a `PaperInput` (`summary` accepted as an alias of `abstract`)
 * and completes it into a `Paper`: the id is the versionless arXiv id found in `id` or `url`, else
 * a hash of the title; `published_at` keeps the day only. A record that fails gets an
 * `InvalidRecordError` naming the record and the first field at fault; the reader goes on.
 */
export function paperFromRecord(record: unknown, context: RecordContext): PaperOrError {
  const fail = (field: string | undefined, reason: string) => recordError(context, reason, field);
  if (!isPlainObject(record)) return fail(undefined, `expected an object, got ${describeValue(record)}`);

  const usesSummary = record.abstract === undefined && record.summary !== undefined;
  const candidate = usesSummary ? { ...record, abstract: record.summary } : record;
  const fieldNames = usesSummary ? { abstract: 'summary', ...context.fieldNames } : context.fieldNames;

  const parsed = PaperInputSchema.safeParse(candidate);
  if (!parsed.success) {
    // The first issue is enough to fix the record; schema order puts title and abstract first.
    const issue = parsed.error.issues[0];
    if (!issue) return fail(undefined, 'invalid record');
    const [head, ...rest] = issue.path.map(String);
    const fieldName = head === undefined ? undefined : (fieldNames?.[head as keyof Paper] ?? head);
    const field = fieldName === undefined ? undefined : fieldName + rest.map((key) => `[${key}]`).join('');
    return fail(field, issueReason(issue, valueAt(candidate, issue.path)));
  }
  const input = parsed.data;
  // Readers pass absent fields as undefined; a paper leaves them out.
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const paper: Paper = {
    ...(defined as PaperInput),
    id: paperId(input),
    source: input.source ?? context.source,
  };
  // Briefs carry the day only: `2024-06-06T15:09:32.000Z` → `2024-06-06`, as written (no time zone shift).
  if (paper.published_at !== undefined) paper.published_at = paper.published_at.slice(0, 10);
  return { kind: 'paper', paper, location: context.location };
}

/** An error result for the record at `where`, about `field` when one is named. */
export function recordError(
  where: { sourceName: string; location: string },
  reason: string,
  field?: string | undefined,
): PaperOrError {
  return {
    kind: 'error',
    error: new InvalidRecordError({ source: where.sourceName, location: where.location, field, reason }),
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `null`, `an array`, `a number (12)`: what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${quote(value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return `an ${typeof value}`;
}

function issueReason(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'missing';
      return `expected ${issue.expected === 'int' ? 'an integer' : issue.expected}, got ${describeValue(value)}`;
    case 'too_small':
      if (typeof value === 'string') return 'empty';
      return `must be at least ${String(issue.minimum)}, got ${describeValue(value)}`;
    case 'too_big':
      if (typeof value === 'string')
        return `too long: ${value.length} characters, at most ${String(issue.maximum)} allowed`;
      return `must be at most ${String(issue.maximum)}, got ${describeValue(value)}`;
    case 'invalid_format':
      return `${issue.format === 'url' ? 'not a valid URL' : issue.message}, got ${describeValue(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}, got ${describeValue(value)}`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
