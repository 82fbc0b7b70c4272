import type { Brief } from '../../briefs/brief.js';
import { arxivUrl, briefedDay, codeUrl } from '../../briefs/brief-links.js';
import { markEvidence } from './evidence-marks.js';
import { escapeHtml, isoDay, safeLink } from '../../briefs/html-text.js';
import { listHref } from './list-page.js';
import { resultsTable } from './results-table.js';

/**
 * The main content of `/papers/<id>`: title, TL;DR, method, contribution type, dates, arXiv and
 * code links, tags as filter links, the results table, and the abstract with each result's
 * evidence marked (when the abstract was kept with the brief).
 */
export function renderPaperPage(brief: Brief, abstract: string | undefined): string {
  const fact = (term: string, description: string) => `<dt>${term}</dt><dd>${description}</dd>`;
  const facts = [
    fact('Method', brief.method_name ? escapeHtml(brief.method_name) : '<span class="none">not named</span>'),
    fact('Contribution', escapeHtml(brief.contribution_type)),
    brief.paper.published_at ? fact('Published', escapeHtml(isoDay(brief.paper.published_at))) : '',
    fact(
      'Briefed',
      `${briefedDay(brief)} by ${escapeHtml(brief.provenance.provider)} (${escapeHtml(brief.provenance.model)})`,
    ),
    fact('Paper id', `<code>${escapeHtml(brief.paper.id)}</code>`),
  ].join('');
  const arxiv = arxivUrl(brief);
  const code = codeUrl(brief);
  const source = arxiv === undefined ? safeLink(brief.paper.url) : undefined;
  const links = [
    arxiv ? `<a href="${escapeHtml(arxiv)}" rel="noopener">arXiv page</a>` : '',
    source ? `<a href="${escapeHtml(source)}" rel="noopener">Paper page</a>` : '',
    code ? `<a href="${escapeHtml(code)}" rel="noopener">Code</a>` : '',
  ].join('');
  const tags = brief.tags
    .map((tag) => `<li><a class="tag" href="${escapeHtml(listHref({ tag }))}">${escapeHtml(tag)}</a></li>`)
    .join('');
  const marked = abstract === undefined ? undefined : markEvidence(abstract, brief.claimed_results);
  const abstractSection = marked
    ? `<section class="abstract" aria-labelledby="abstract-heading"><h2 id="abstract-heading">Abstract</h2><p>${marked.html}</p></section>`
    : '';
  return (
    '<article class="paper">' +
    `<p class="meta"><a href="/">← All briefs</a></p>` +
    `<h1>${escapeHtml(brief.paper.title)}</h1>` +
    `<p class="tldr"><strong>TL;DR</strong> ${escapeHtml(brief.tldr)}</p>` +
    (links ? `<p class="links">${links}</p>` : '') +
    `<dl class="facts">${facts}</dl>` +
    (tags ? `<ul class="tags" aria-label="Tags">${tags}</ul>` : '') +
    `<div class="table-wrap">${resultsTable(brief.claimed_results, marked ? { markIds: marked.markIds } : {})}</div>` +
    abstractSection +
    '</article>'
  );
}
