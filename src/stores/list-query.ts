import { z } from 'zod';
import { InvalidInputError } from '../errors.js';
import type { ListBriefsQuery } from './store.js';

/** Page size when a query names none. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page a store returns; larger limits are cut to this. */
export const MAX_PAGE_SIZE = 500;

/** A place in the list order: stored time, then the brief's key. A cursor names the last one seen. */
export interface ListPosition {
  /** ISO-8601 UTC with milliseconds (`2026-01-02T03:04:05.678Z`). */
  storedAt: string;
  paperId: string;
  provider: string;
  model: string;
  promptVersion: string;
}

/** A list query checked and put in the form both SQL builders use. */
export interface NormalizedListQuery {
  tag: string | undefined;
  /** ISO-8601 UTC with milliseconds, comparable with stored times. */
  since: string | undefined;
  limit: number;
  after: ListPosition | undefined;
  /** True for newest first (`order: 'newest'`). */
  descending: boolean;
}

const keyPart = z.string().refine((value) => !value.includes('\u0000'), 'holds a NUL character');

// The cursor is opaque to clients; inside it is a versioned position, so its shape can change later.
const CursorSchema = z.object({
  v: z.literal(1),
  at: z.iso.datetime(),
  // No NUL: Postgres text cannot hold one, and a crafted cursor must be refused, not crash a query.
  key: z.tuple([keyPart, keyPart, keyPart, keyPart]),
  // Present on cursors of newest-first pages; a cursor only continues the order it came from.
  desc: z.literal(true).optional(),
});

export function encodeCursor(position: ListPosition, descending = false): string {
  const body = {
    v: 1,
    at: position.storedAt,
    key: [position.paperId, position.provider, position.model, position.promptVersion],
    ...(descending ? { desc: true } : {}),
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** @throws InvalidInputError when the cursor was not made by `encodeCursor`. */
export function decodeCursor(cursor: string, descending = false): ListPosition {
  let parsed: z.infer<typeof CursorSchema>;
  try {
    parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidInputError('invalid cursor: pass back the nextCursor of a previous page', {
      cause: error,
    });
  }
  if ((parsed.desc ?? false) !== descending) {
    throw new InvalidInputError('invalid cursor: it continues a list in the other order');
  }
  const [paperId, provider, model, promptVersion] = parsed.key;
  return { storedAt: parsed.at, paperId, provider, model, promptVersion };
}

/**
 * Checks a list query and fills in its defaults.
 * @throws InvalidInputError for a limit that is not a positive integer, a `since` that is not a
 *   date, or a cursor that is not one of ours.
 */
export function normalizeListQuery(query: ListBriefsQuery = {}): NormalizedListQuery {
  const descending = query.order === 'newest';
  return {
    tag: query.tag,
    ...normalizePageFilters(query),
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, descending),
    descending,
  };
}

/**
 * The page size (default, capped) and `since` (as an ISO date-time) that lists and searches share.
 * @throws InvalidInputError for a limit that is not a positive integer or a `since` that is not a date.
 */
export function normalizePageFilters(query: { limit?: number | undefined; since?: string | undefined }): {
  limit: number;
  since: string | undefined;
} {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidInputError(`invalid limit ${String(query.limit)}: expected a positive integer`);
  }
  let since: string | undefined;
  if (query.since !== undefined) {
    const date = new Date(query.since);
    if (Number.isNaN(date.getTime())) {
      throw new InvalidInputError(`invalid since "${query.since}": expected an ISO date or date-time`);
    }
    since = date.toISOString();
  }
  return { limit: Math.min(limit, MAX_PAGE_SIZE), since };
}

/** The SQL of one page, for a dialect's placeholder style (`?` or `$1`). */
export interface ListSql {
  text: string;
  values: unknown[];
}

/**
 * Builds the page query shared by every SQL store. Columns of `briefs`: `id`, `paper_id`,
 * `provider`, `model`, `prompt_version`, `stored_at`, `brief`; `tags` holds `(tag, brief_id)`.
 * Asks for one row more than the page so the caller knows whether another page follows.
 */
export function listBriefsSql(
  query: NormalizedListQuery,
  tables: { briefs: string; tags: string },
  placeholder: (index: number) => string,
): ListSql {
  const values: unknown[] = [];
  const next = (value: unknown): string => {
    values.push(value);
    return placeholder(values.length);
  };
  const conditions: string[] = [];
  if (query.tag !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM ${tables.tags} t WHERE t.brief_id = b.id AND t.tag = ${next(query.tag)})`,
    );
  }
  if (query.since !== undefined) conditions.push(`b.stored_at >= ${next(query.since)}`);
  if (query.after !== undefined) {
    const { storedAt, paperId, provider, model, promptVersion } = query.after;
    const position = [storedAt, paperId, provider, model, promptVersion].map(next).join(', ');
    const after = query.descending ? '<' : '>';
    conditions.push(
      `(b.stored_at, b.paper_id, b.provider, b.model, b.prompt_version) ${after} (${position})`,
    );
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const direction = query.descending ? ' DESC' : '';
  const order = ['b.stored_at', 'b.paper_id', 'b.provider', 'b.model', 'b.prompt_version']
    .map((column) => `${column}${direction}`)
    .join(', ');
  const text =
    `SELECT b.brief, b.stored_at, b.paper_id, b.provider, b.model, b.prompt_version FROM ${tables.briefs} b ` +
    `${where} ORDER BY ${order} LIMIT ${next(query.limit + 1)}`;
  return { text, values };
}
