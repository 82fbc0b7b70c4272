import type { Brief } from '../../briefs/brief.js';
import { briefedDay } from '../../briefs/brief-links.js';
import { escapeHtml, isoDay } from '../../briefs/html-text.js';

/** What the list page was asked for. */
export interface ListPageFilters {
  q?: string | undefined;
  tag?: string | undefined;
  /** `YYYY-MM-DD`. */
  since?: string | undefined;
}

/** `/papers/<id>`, the paper page of a brief (ids such as `cs/0112017` keep their slash encoded). */
export function paperPath(paperId: string): string {
  return `/papers/${encodeURIComponent(paperId)}`;
}

/** `/?…` with the given filters (empty ones left out). */
export function listHref(filters: ListPageFilters & { cursor?: string | undefined }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

function tagLink(tag: string, filters: ListPageFilters): string {
  const current = filters.tag === tag;
  const href = listHref({ ...filters, tag: current ? undefined : tag });
  return `<a class="tag" href="${escapeHtml(href)}"${current ? ' aria-current="true"' : ''}>${escapeHtml(tag)}</a>`;
}

function briefItem(brief: Brief, filters: ListPageFilters): string {
  const facts = [
    brief.paper.published_at ? `published ${escapeHtml(isoDay(brief.paper.published_at))}` : undefined,
    `briefed ${briefedDay(brief)}`,
    brief.method_name ? `method <strong>${escapeHtml(brief.method_name)}</strong>` : undefined,
    escapeHtml(brief.contribution_type),
  ].filter((fact) => fact !== undefined);
  const tags = brief.tags.map((tag) => `<li>${tagLink(tag, filters)}</li>`).join('');
  return (
    '<li class="brief-item"><article>' +
    `<h2><a href="${paperPath(brief.paper.id)}">${escapeHtml(brief.paper.title)}</a></h2>` +
    `<p class="meta">${facts.join(' · ')}</p>` +
    `<p class="tldr">${escapeHtml(brief.tldr)}</p>` +
    (tags ? `<ul class="tags" aria-label="Tags">${tags}</ul>` : '') +
    '</article></li>'
  );
}

/** The tags of the shown briefs, most frequent first: the page's tag filter links. */
function tagsOf(briefs: readonly Brief[]): string[] {
  const counts = new Map<string, number>();
  for (const tag of briefs.flatMap((brief) => brief.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()]
    .sort((first, second) => second[1] - first[1] || first[0].localeCompare(second[0]))
    .map(([tag]) => tag)
    .slice(0, 12);
}

/**
 * The main content of `/`: a heading saying what is shown, tag filters, the briefs (newest first,
 * or best match first for a search) and a link to the next page.
 */
export function renderListPage(input: {
  briefs: readonly Brief[];
  filters: ListPageFilters;
  nextCursor: string | null;
}): string {
  const { briefs, filters } = input;
  const heading = filters.q ? `Briefs matching “${escapeHtml(filters.q)}”` : 'Latest briefs';
  const scope = [
    filters.tag ? `tagged <strong>${escapeHtml(filters.tag)}</strong>` : undefined,
    filters.since ? `stored since ${escapeHtml(filters.since)}` : undefined,
  ].filter((part) => part !== undefined);
  const count = `${briefs.length}${input.nextCursor ? '+' : ''} brief${briefs.length === 1 ? '' : 's'}`;
  const order = filters.q ? 'best match first' : 'newest first';
  const clear = filters.q || filters.tag || filters.since ? ' · <a href="/">clear filters</a>' : '';
  const tags = tagsOf(briefs);
  const filterLinks = [...new Set([...(filters.tag ? [filters.tag] : []), ...tags])]
    .map((tag) => tagLink(tag, filters))
    .join('');
  const list =
    briefs.length === 0
      ? '<p class="none">No brief matches. Try fewer words, another tag or an earlier date.</p>'
      : `<ol class="briefs">${briefs.map((brief) => briefItem(brief, filters)).join('')}</ol>`;
  const older = input.nextCursor
    ? `<nav class="pages" aria-label="Pages"><a rel="next" href="${escapeHtml(listHref({ ...filters, cursor: input.nextCursor }))}">Older briefs →</a></nav>`
    : '';
  return (
    `<h1>${heading}</h1>` +
    `<p class="status" role="status">${count}${scope.length > 0 ? `, ${scope.join(', ')}` : ''}, ${order}${clear}</p>` +
    (filterLinks ? `<nav class="filters" aria-label="Filter by tag">${filterLinks}</nav>` : '') +
    list +
    older
  );
}
