import { createHash } from 'node:crypto';
import type { Brief } from '../../briefs/brief.js';
import { arxivUrl, codeUrl } from '../../briefs/brief-links.js';
import { escapeHtml } from '../../briefs/html-text.js';
import { resultsTable } from '../page/results-table.js';

/** Most entries a feed carries. */
export const FEED_SIZE = 50;

export interface AtomFeedInput {
  briefs: readonly Brief[];
  /** The feed's own absolute URL (rel="self"), query included. */
  selfUrl: string;
  /** The absolute URL of the page the feed mirrors (rel="alternate"). */
  pageUrl: string;
  /** Absolute URL of a paper's page. */
  paperUrl: (paperId: string) => string;
  /** What the feed holds, e.g. `tagged diffusion`. */
  subtitle?: string | undefined;
}

// XML 1.0 forbids most control characters (a title may hold a NUL); they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in an XML element or attribute. */
function xml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** A stable `urn:uuid:` (RFC 4122 variant, name-based on SHA-256) for an entry or feed id. */
function urnUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A date-time for Atom (RFC 3339): a bare paper date becomes midnight UTC. */
function rfc3339(value: string): string | undefined {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The HTML an entry carries: the TL;DR, the results table and the links. */
export function briefContentHtml(brief: Brief): string {
  const arxiv = arxivUrl(brief);
  const code = codeUrl(brief);
  const links = [
    arxiv ? `<a href="${escapeHtml(arxiv)}">arXiv</a>` : '',
    code ? `<a href="${escapeHtml(code)}">code</a>` : '',
  ].filter(Boolean);
  return (
    `<p>${escapeHtml(brief.tldr)}</p>` +
    (brief.method_name
      ? `<p>Method: <strong>${escapeHtml(brief.method_name)}</strong> (${escapeHtml(brief.contribution_type)})</p>`
      : '') +
    resultsTable(brief.claimed_results) +
    (links.length > 0 ? `<p>${links.join(' · ')}</p>` : '')
  );
}

function entry(brief: Brief, input: AtomFeedInput): string {
  const key = [
    brief.paper.id,
    brief.provenance.provider,
    brief.provenance.model,
    brief.provenance.prompt_version,
  ];
  const published = brief.paper.published_at ? rfc3339(brief.paper.published_at) : undefined;
  const arxiv = arxivUrl(brief);
  return [
    '<entry>',
    `<id>${urnUuid(`paperbrief:brief:${key.join('\u0000')}:${brief.provenance.created_at}`)}</id>`,
    `<title>${xml(brief.paper.title)}</title>`,
    `<updated>${new Date(brief.provenance.created_at).toISOString()}</updated>`,
    published ? `<published>${published}</published>` : '',
    `<link rel="alternate" type="text/html" href="${xml(input.paperUrl(brief.paper.id))}"/>`,
    arxiv ? `<link rel="related" type="text/html" href="${xml(arxiv)}"/>` : '',
    ...brief.tags.map((tag) => `<category term="${xml(tag)}"/>`),
    `<summary>${xml(brief.tldr)}</summary>`,
    `<content type="html">${xml(briefContentHtml(brief))}</content>`,
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * An Atom 1.0 document (RFC 4287) of briefs, newest first. Ids are stable `urn:uuid:`s: the
 * feed's from its filter, an entry's from the brief's key and creation time (a re-briefed paper
 * is a new entry). The feed's `updated` is its newest entry's (the epoch when empty).
 */
export function renderAtomFeed(input: AtomFeedInput): string {
  const newest = input.briefs
    .map((brief) => new Date(brief.provenance.created_at).toISOString())
    .sort()
    .at(-1);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${urnUuid(`paperbrief:feed:${input.subtitle ?? ''}`)}</id>`,
    `<title>paperbrief briefs${input.subtitle ? ` ${xml(input.subtitle)}` : ''}</title>`,
    `<updated>${newest ?? '1970-01-01T00:00:00.000Z'}</updated>`,
    '<author><name>paperbrief</name></author>',
    '<generator>paperbrief</generator>',
    `<link rel="self" type="application/atom+xml" href="${xml(input.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(input.pageUrl)}"/>`,
    ...input.briefs.map((brief) => entry(brief, input)),
    '</feed>',
    '',
  ].join('\n');
}
