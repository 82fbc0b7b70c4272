import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collapseWhitespace } from '../briefs/source-text.js';
import { InvalidInputError } from '../errors.js';
import { versionlessArxivId } from '../papers/paper-id.js';
import type { Paper } from '../papers/paper.js';
import { isPlainObject, paperFromRecord, recordError, type PaperOrError } from './paper-from-record.js';

export interface ArxivAtomOptions {
  /** The input's name in messages (a file path, `<stdin>`). */
  sourceName: string;
}

// Repeatable elements always come back as arrays, even when a feed holds one of them.
const REPEATED = new Set(['entry', 'author', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // `arxiv:comment` → `comment`; the Atom elements carry no prefix anyway.
  removeNSPrefix: true,
  // Keep every text a string: a title such as `1984` must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

// How the feed spells each paper field, so that messages point at the feed's own elements.
const FIELD_NAMES: Partial<Record<keyof Paper, string>> = {
  id: 'id',
  abstract: 'summary',
  authors: 'author',
  published_at: 'published',
  url: 'link',
};

/**
 * Reads an arXiv API Atom feed (`export.arxiv.org/api/query`): one paper per `<entry>`, with the
 * versionless arXiv id from `<id>http://arxiv.org/abs/2406.04312v2</id>`, white space collapsed in
 * `<title>` and `<summary>`, `<author><name>`, `<published>` and the `alternate` link. Entries are
 * `entry N` (1-based). The error entry arXiv sends for a bad query is an error result.
 * @throws InvalidInputError when the text is not well-formed XML or not an Atom feed.
 */
export function readArxivAtom(text: string, options: ArxivAtomOptions): PaperOrError[] {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new InvalidInputError(
      `${options.sourceName}: not well-formed XML (line ${line}, column ${col}): ${msg}`,
    );
  }
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    // Well-formed XML the parser still refuses (an external entity in a DOCTYPE, too many
    // entity expansions): the input is unusable, not a crash.
    throw new InvalidInputError(`${options.sourceName}: cannot read the XML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const feed = isPlainObject(document) ? document.feed : undefined;
  if (feed === undefined)
    throw new InvalidInputError(`${options.sourceName}: not an Atom feed (no <feed> element)`);
  const entries: unknown[] = isPlainObject(feed) && Array.isArray(feed.entry) ? feed.entry : [];

  return entries.map((entry, index): PaperOrError => {
    const context = {
      sourceName: options.sourceName,
      location: `entry ${index + 1}`,
      source: 'arxiv-atom' as const,
    };
    const record = isPlainObject(entry) ? recordOf(entry) : {};
    if (typeof record.id === 'string' && record.id.includes('arxiv.org/api/errors')) {
      const reason = `the arXiv API answered with an error: ${String(record.abstract ?? record.title)}`;
      return recordError(context, reason);
    }
    return paperFromRecord(record, { ...context, fieldNames: FIELD_NAMES });
  });
}

function recordOf(entry: Record<string, unknown>): Record<string, unknown> {
  const id = textOf(entry.id);
  const title = textOf(entry.title);
  const summary = textOf(entry.summary);
  const authors = Array.isArray(entry.author)
    ? entry.author.map((author: unknown) => {
        const name = isPlainObject(author) ? textOf(author.name) : undefined;
        return name === undefined ? undefined : collapseWhitespace(name);
      })
    : undefined;
  const links: unknown[] = Array.isArray(entry.link) ? entry.link : [];
  const alternate = links.find((link) => isPlainObject(link) && link['@_rel'] === 'alternate');
  return {
    id: (id && versionlessArxivId(id)) ?? id,
    title: title === undefined ? undefined : collapseWhitespace(title),
    abstract: summary === undefined ? undefined : collapseWhitespace(summary),
    authors,
    authors_count: authors?.length,
    published_at: textOf(entry.published),
    url: isPlainObject(alternate) ? alternate['@_href'] : undefined,
  };
}

/** The text of an element: a plain string, or the `#text` of an element that has attributes. */
function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (isPlainObject(node) && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}
