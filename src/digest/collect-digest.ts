import type { Brief } from '../briefs/brief.js';
import type { Store } from '../stores/store.js';

export interface DigestQuery {
  /** Briefs made (stored) at or after this ISO date-time. */
  since: string;
  /** Only papers published on or after this `YYYY-MM-DD` (papers without a date are left out). */
  publishedSince?: string | undefined;
  tag?: string | undefined;
}

/** Briefs per store read. */
const PAGE_SIZE = 500;

/**
 * The briefs of a digest, newest first: read from the store page by page (stored time and tag
 * filtered there), then the papers' own dates when `publishedSince` is set. One brief per paper:
 * the newest, as `show` and the page pick it.
 */
export async function collectDigest(store: Pick<Store, 'list'>, query: DigestQuery): Promise<Brief[]> {
  const briefs: Brief[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await store.list({
      order: 'newest',
      since: query.since,
      tag: query.tag,
      limit: PAGE_SIZE,
      cursor,
    });
    for (const brief of page.briefs) {
      if (seen.has(brief.paper.id)) continue;
      seen.add(brief.paper.id);
      const published = brief.paper.published_at?.slice(0, 10);
      if (query.publishedSince !== undefined && (published === undefined || published < query.publishedSince))
        continue;
      briefs.push(brief);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return briefs;
}

/** How a digest is split into sections. */
export type DigestGrouping = 'date' | 'tag';

/**
 * Sections of a digest: by the day a brief was made (newest day first), or by each brief's first
 * tag (the summarizer lists the best-matching tag first; largest section first, untagged last).
 */
export function groupDigest(
  briefs: readonly Brief[],
  by: DigestGrouping,
): Array<{ title: string; briefs: Brief[] }> {
  const groups = new Map<string, Brief[]>();
  for (const brief of briefs) {
    const key = by === 'date' ? brief.provenance.created_at.slice(0, 10) : (brief.tags[0] ?? '');
    groups.set(key, [...(groups.get(key) ?? []), brief]);
  }
  const entries = [...groups.entries()];
  if (by === 'date') entries.sort((first, second) => second[0].localeCompare(first[0]));
  else
    entries.sort((first, second) =>
      (first[0] === '') !== (second[0] === '')
        ? first[0] === ''
          ? 1
          : -1
        : second[1].length - first[1].length || first[0].localeCompare(second[0]),
    );
  return entries.map(([key, members]) => ({ title: key === '' ? 'untagged' : key, briefs: members }));
}
