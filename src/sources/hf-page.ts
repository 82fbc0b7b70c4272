import { InvalidInputError } from '../errors.js';
import { paperFromRecord, recordError, type PaperOrError } from './paper-from-record.js';

export interface HfPageOptions {
  /** The input's name in messages (a file path, `<stdin>`). */
  sourceName: string;
  /**
   * The year of dates printed without one (`Jul 1`).
   * @default inferred from the page: the newest year printed on it plus one, at most `now`'s year
   */
  pageYear?: number | undefined;
  /** The clock bounding the inferred page year. @default () => new Date() */
  now?: (() => Date) | undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// `Jun 6, 2024`, `Jul 1`, `Sep 22, 2022 1`, `Jul 1 9`: month, day, optional year, optional upvotes.
const DATE_LINE = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$/;
const AUTHORS_LINE = /^•\s*(\d+)\s+authors?$/i;
const MIDDLE_DOT = '·';
// The lines a browser copy of the page starts with, before the first paper.
const HEADER_LINE = /^(new|subscribe|daily papers|get trending papers.*|by\s*ak\b.*)$/i;

interface Paragraph {
  lines: string[];
  /** 1-based line number of the paragraph's first line. */
  line: number;
}

interface PageDate {
  month: number;
  day: number;
  year: number | undefined;
  upvotes: number | undefined;
}

interface Metadata {
  authorsCount: number | undefined;
  organization: string | undefined;
  dateText: string | undefined;
  date: PageDate | undefined;
}

/**
 * Reads the text of a Hugging Face "Daily Papers" page as a browser copies it: a short header,
 * then per paper a title paragraph, an abstract paragraph and an optional metadata paragraph
 * (`• 5 authors` or an organisation line, a `·` line, a date with optional year and upvotes).
 * Papers have no arXiv id on this page, so their id is the hash of the title.
 * Returns one result per paper in page order; a paper that cannot be read is an error result
 * naming `paper N (line L)` and the field, and reading goes on.
 * @throws InvalidInputError when the text holds no paper at all.
 */
export function readHfPage(text: string, options: HfPageOptions): PaperOrError[] {
  const paragraphs = paragraphsOf(text);
  let start = 0;
  while (start < paragraphs.length && isHeader(paragraphs[start]!)) start += 1;
  const body = paragraphs.slice(start).map((paragraph) => ({ paragraph, metadata: metadataOf(paragraph) }));
  if (body.length === 0)
    throw new InvalidInputError(`${options.sourceName}: no papers found in the page text`);

  const explicitYears = body.flatMap(({ metadata }) => (metadata?.date?.year ? [metadata.date.year] : []));
  const pageYear = options.pageYear ?? inferPageYear(explicitYears, (options.now ?? (() => new Date()))());

  let paperNumber = 0;
  let title: Paragraph | undefined;
  let abstract: Paragraph | undefined;
  const flush = (metadata: Metadata | undefined): PaperOrError => {
    paperNumber += 1;
    const record = {
      title: joinLines(title!),
      abstract: abstract && joinLines(abstract),
      ...(metadata && metadataFields(metadata, pageYear)),
    };
    const location = `paper ${paperNumber} (line ${title!.line})`;
    title = abstract = undefined;
    return paperFromRecord(record, { sourceName: options.sourceName, location, source: 'hf-page' });
  };

  const results: PaperOrError[] = [];
  for (const { paragraph, metadata } of body) {
    if (metadata) {
      results.push(title ? flush(metadata) : orphanMetadata(paragraph, options.sourceName));
    } else if (abstract) {
      // A paper without a metadata block: the next title follows its abstract directly.
      results.push(flush(undefined));
      title = paragraph;
    } else if (title) {
      abstract = paragraph;
    } else {
      title = paragraph;
    }
  }
  if (title) results.push(flush(undefined));
  return results;
}

/**
 * The year the page was copied in. Hugging Face prints a year only for dates outside the current
 * year, so that year is after every year printed on the page: the newest printed year plus one is
 * the best evidence (a page copied in 2025 and read in 2026 still gets 2025), never past `now`.
 */
export function inferPageYear(explicitYears: readonly number[], now: Date): number {
  const thisYear = now.getUTCFullYear();
  if (explicitYears.length === 0) return thisYear;
  return Math.min(Math.max(...explicitYears) + 1, thisYear);
}

function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { lines: [line], line: index + 1 };
      paragraphs.push(current);
    }
  });
  return paragraphs;
}

function isHeader(paragraph: Paragraph): boolean {
  if (paragraph.lines.length !== 1) return false;
  const line = paragraph.lines[0]!;
  const date = parseDate(line);
  return HEADER_LINE.test(line) || (date !== undefined && date.upvotes === undefined);
}

/** The metadata block of a paper, or undefined when the paragraph is not one. */
function metadataOf(paragraph: Paragraph): Metadata | undefined {
  const dot = paragraph.lines.indexOf(MIDDLE_DOT);
  if (dot < 0) return undefined;
  const metadata: Metadata = {
    authorsCount: undefined,
    organization: undefined,
    dateText: paragraph.lines[dot + 1],
    date: undefined,
  };
  for (const line of paragraph.lines.slice(0, dot)) {
    const authors = AUTHORS_LINE.exec(line);
    if (authors) metadata.authorsCount = Number(authors[1]);
    else metadata.organization = organizationName(line);
  }
  if (metadata.dateText !== undefined) metadata.date = parseDate(metadata.dateText);
  return metadata;
}

/** `amazon Amazon` → `Amazon`, `facebook AI at Meta` → `AI at Meta`: the copy puts the handle first. */
function organizationName(line: string): string {
  const space = line.indexOf(' ');
  return space < 0 ? line : line.slice(space + 1).trim();
}

function parseDate(line: string): PageDate | undefined {
  const match = DATE_LINE.exec(line);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!.toLowerCase()) + 1;
  const day = Number(match[2]);
  const year = match[3] === undefined ? undefined : Number(match[3]);
  // A leap year stands in for a missing one, so `Feb 29` passes here.
  const probe = new Date(Date.UTC(year ?? 2000, month - 1, day));
  if (month === 0 || probe.getUTCMonth() !== month - 1) return undefined;
  return { month, day, year, upvotes: match[4] === undefined ? undefined : Number(match[4]) };
}

function metadataFields(metadata: Metadata, pageYear: number): Record<string, unknown> {
  const { date } = metadata;
  // An unreadable date line goes through as written, so the record's error quotes it.
  const publishedAt = date ? isoDate(date.year ?? pageYear, date.month, date.day) : metadata.dateText;
  return {
    authors_count: metadata.authorsCount,
    organization: metadata.organization,
    published_at: publishedAt,
    upvotes: date?.upvotes,
  };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function joinLines(paragraph: Paragraph): string {
  return paragraph.lines.join(' ');
}

function orphanMetadata(paragraph: Paragraph, sourceName: string): PaperOrError {
  const reason =
    'a metadata block (author count or organisation, "·", date) with no title and abstract before it';
  return recordError({ sourceName, location: `line ${paragraph.line}` }, reason);
}
