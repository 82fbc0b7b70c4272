import { normalizePageFilters, type ListSql } from './list-query.js';
import { searchQueryWords } from './search-text.js';
import type { SearchBriefsQuery } from './store.js';

/** A search checked and put in the form both SQL builders use. */
export interface NormalizedSearchQuery {
  /** Normalised words (search-text.ts): letters and digits only, safe inside either query syntax. */
  words: string[];
  tag: string | undefined;
  since: string | undefined;
  limit: number;
}

/**
 * Checks a search and fills in its defaults.
 * @throws InvalidInputError for a query without words, a bad limit or a `since` that is no date.
 */
export function normalizeSearchQuery(query: SearchBriefsQuery): NormalizedSearchQuery {
  const { limit, since } = normalizePageFilters(query);
  return { words: searchQueryWords(query.q), tag: query.tag, since, limit };
}

/** Conditions shared by both dialects on `briefs b` (tag through `tags`, stored time). */
function filterConditions(
  query: NormalizedSearchQuery,
  tags: string,
  next: (value: unknown) => string,
): string[] {
  const conditions: string[] = [];
  if (query.tag !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM ${tags} t WHERE t.brief_id = b.id AND t.tag = ${next(query.tag)})`,
    );
  }
  if (query.since !== undefined) conditions.push(`b.stored_at >= ${next(query.since)}`);
  return conditions;
}

function collector(placeholder: (index: number) => string) {
  const values: unknown[] = [];
  const next = (value: unknown): string => {
    values.push(value);
    return placeholder(values.length);
  };
  return { values, next };
}

const NEWEST_FIRST = 'b.stored_at DESC, b.paper_id, b.provider, b.model, b.prompt_version';

/**
 * SQLite: an FTS5 MATCH of every word as a prefix (`"word"*`), ranked by bm25 with the
 * heading weighted over the summary over the evidence (bm25 is lower for better matches).
 */
export function sqliteSearchSql(query: NormalizedSearchQuery): ListSql {
  const { values, next } = collector(() => '?');
  const match = query.words.map((word) => `"${word}"*`).join(' AND ');
  const conditions = [`brief_search MATCH ${next(match)}`, ...filterConditions(query, 'brief_tags', next)];
  const text =
    'SELECT b.brief FROM brief_search JOIN briefs b ON b.id = brief_search.rowid ' +
    `WHERE ${conditions.join(' AND ')} ` +
    `ORDER BY bm25(brief_search, 10.0, 4.0, 1.0), ${NEWEST_FIRST} LIMIT ${next(query.limit)}`;
  return { text, values };
}

/**
 * Postgres: the same words as a prefix tsquery (`word:* & ...`, `simple` configuration) over the
 * weighted tsvector (heading A, summary B, evidence C), ranked by ts_rank.
 */
export function postgresSearchSql(
  query: NormalizedSearchQuery,
  tables: { briefs: string; tags: string; search: string },
): ListSql {
  const { values, next } = collector((index) => `$${index}`);
  const tsquery = `to_tsquery('simple', ${next(query.words.map((word) => `${word}:*`).join(' & '))})`;
  const conditions = [`s.document @@ ${tsquery}`, ...filterConditions(query, tables.tags, next)];
  const text =
    `SELECT b.brief FROM ${tables.search} s JOIN ${tables.briefs} b ON b.id = s.brief_id ` +
    `WHERE ${conditions.join(' AND ')} ` +
    `ORDER BY ts_rank(s.document, ${tsquery}) DESC, ${NEWEST_FIRST} LIMIT ${next(query.limit)}`;
  return { text, values };
}
