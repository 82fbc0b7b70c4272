import type { ClaimedResult } from '../../briefs/brief.js';
import { escapeHtml } from './html.js';

/**
 * The abstract as HTML with each result's evidence wrapped in `<mark id="evidence-N">` (N is the
 * result's index), so a result row can point at it. Grounding keeps evidence a literal quote of
 * the abstract; one that is not found, or overlaps an earlier one, is simply not marked.
 */
export function abstractWithEvidence(abstract: string, results: readonly ClaimedResult[]): string {
  const spans: Array<{ start: number; end: number; index: number }> = [];
  results.forEach((result, index) => {
    const start = abstract.indexOf(result.evidence);
    if (start === -1) return;
    const end = start + result.evidence.length;
    if (spans.some((span) => start < span.end && end > span.start)) return;
    spans.push({ start, end, index });
  });
  spans.sort((first, second) => first.start - second.start);
  let html = '';
  let at = 0;
  for (const span of spans) {
    html += escapeHtml(abstract.slice(at, span.start));
    html += `<mark id="evidence-${span.index}" class="evidence">${escapeHtml(abstract.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return html + escapeHtml(abstract.slice(at));
}
