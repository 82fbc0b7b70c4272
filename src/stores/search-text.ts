import type { Brief } from '../briefs/brief.js';
import { InvalidInputError } from '../errors.js';

/**
 * The words both stores index and search, made here rather than by SQLite's or Postgres's own
 * tokenizers and stemmers, which disagree (porter vs snowball, stop words, `3.5`, hyphens): each
 * store is handed the same space-separated words and indexes them as they are (FTS5 `unicode61`,
 * Postgres `simple`), so both find the same briefs for the same query (decision 0036).
 */

/** Most words a query may have; the rest are ignored. */
export const MAX_QUERY_WORDS = 16;

/**
 * Lower-case words of `text`: NFKD with accents dropped, split at anything not a letter or digit,
 * and a light plural folding (`models` → `model`, `studies` → `study`) applied alike to documents
 * and queries.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map(foldPlural);
}

function foldPlural(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A brief's text in three parts, weighted high to low: heading, summary, evidence. */
export interface SearchDocument {
  /** Title and method name. */
  heading: string;
  /** TL;DR and tags (a tag's hyphens split it into words). */
  summary: string;
  /** Every result's evidence sentence, metric and dataset. */
  evidence: string;
}

export function searchDocument(brief: Brief): SearchDocument {
  const words = (...parts: Array<string | null>) =>
    searchWords(parts.filter((part): part is string => part !== null).join(' ')).join(' ');
  return {
    heading: words(brief.paper.title, brief.method_name),
    summary: words(brief.tldr, ...brief.tags),
    evidence: words(
      ...brief.claimed_results.flatMap((result) => [result.evidence, result.metric, result.dataset]),
    ),
  };
}

/**
 * The distinct words of a search query, at most MAX_QUERY_WORDS. Each matches as a prefix
 * (`diffus` finds `diffusion`); all must match.
 * @throws InvalidInputError when the query has no letter or digit.
 */
export function searchQueryWords(query: string): string[] {
  const words = [...new Set(searchWords(query))].slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) {
    throw new InvalidInputError(
      `invalid search query ${JSON.stringify(query)}: it has no word to search for`,
    );
  }
  return words;
}
