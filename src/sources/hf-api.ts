import { collapseWhitespace } from '../briefs/source-text.js';
import { versionlessArxivId } from '../papers/paper-id.js';
import type { Paper } from '../papers/paper.js';
import { locatedItems } from './json.js';
import {
  describeValue,
  isPlainObject,
  paperFromRecord,
  recordError,
  type PaperOrError,
} from './paper-from-record.js';

export interface HfApiOptions {
  /** The input's name in messages (a file path, `request body`). */
  sourceName: string;
}

// How the API spells each paper field, so that messages point at the input's own keys.
const FIELD_NAMES: Partial<Record<keyof Paper, string>> = {
  id: 'paper.id',
  title: 'paper.title',
  abstract: 'paper.summary',
  authors: 'paper.authors',
  authors_count: 'paper.authors',
  organization: 'paper.organization',
  published_at: 'paper.publishedAt',
  upvotes: 'paper.upvotes',
};

/**
 * Reads the Hugging Face daily papers API (`GET /api/daily_papers`): an array of items
 * `{ paper: { id, title, summary, authors: [{ name }], publishedAt, upvotes, ... }, ... }`, already
 * parsed. `paper.id` is the arXiv id, so the url is `https://arxiv.org/abs/<id>`. A single item
 * object is accepted too (an HTTP body).
 * @throws InvalidInputError when the value is neither an array nor an object.
 */
export function readHfApi(value: unknown, options: HfApiOptions): PaperOrError[] {
  return locatedItems(value, options.sourceName).map(({ item, location }): PaperOrError => {
    const context = { sourceName: options.sourceName, location, source: 'hf-api' as const };
    if (isPlainObject(item) && !isPlainObject(item.paper)) {
      const reason =
        item.paper === undefined ? 'missing' : `expected an object, got ${describeValue(item.paper)}`;
      return recordError(context, reason, 'paper');
    }
    return paperFromRecord(isPlainObject(item) ? recordOf(item) : item, {
      ...context,
      fieldNames: FIELD_NAMES,
    });
  });
}

/** The item's `paper` mapped onto paper fields; wrong types pass through for the schema to name. */
function recordOf(item: Record<string, unknown>): Record<string, unknown> {
  const paper = item.paper as Record<string, unknown>;
  const { id, summary, authors, organization } = paper;
  const title = paper.title ?? item.title;
  const arxivId = typeof id === 'string' ? versionlessArxivId(id) : undefined;
  return {
    id,
    title: typeof title === 'string' ? collapseWhitespace(title) : title,
    abstract: typeof summary === 'string' ? collapseWhitespace(summary) : summary,
    authors: Array.isArray(authors)
      ? authors.map((author: unknown) => (isPlainObject(author) ? author.name : author))
      : authors,
    authors_count: Array.isArray(authors) ? authors.length : undefined,
    organization: isPlainObject(organization) ? (organization.fullname ?? organization.name) : undefined,
    published_at: paper.publishedAt,
    url: arxivId ? `https://arxiv.org/abs/${arxivId}` : undefined,
    upvotes: paper.upvotes,
  };
}
