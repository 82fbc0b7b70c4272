import type { ClaimedResult } from '../../briefs/brief.js';
import { escapeHtml } from '../../briefs/html-text.js';

/** The abstract as HTML with the evidence marked, and which mark each result points at. */
export interface MarkedAbstract {
  html: string;
  /** Per result (same index): the id of the `<mark>` holding its evidence, or undefined. */
  markIds: Array<string | undefined>;
}

/**
 * Wraps each result's evidence in the abstract in `<mark id="evidence-N">`. Grounding keeps
 * evidence a literal quote of the abstract; results quoting the same or overlapping text share
 * one mark (several results often come from one sentence); evidence not found is not marked.
 */
export function markEvidence(abstract: string, results: readonly ClaimedResult[]): MarkedAbstract {
  const found = results
    .map((result, index) => {
      const start = abstract.indexOf(result.evidence);
      return start === -1 ? undefined : { start, end: start + result.evidence.length, index };
    })
    .filter((span) => span !== undefined)
    .sort((first, second) => first.start - second.start || second.end - first.end);
  // Overlapping spans merge into one region; every result in it points at the region's mark.
  const regions: Array<{ start: number; end: number; results: number[] }> = [];
  for (const span of found) {
    const last = regions.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.results.push(span.index);
    } else {
      regions.push({ start: span.start, end: span.end, results: [span.index] });
    }
  }
  const markIds: Array<string | undefined> = results.map(() => undefined);
  let html = '';
  let at = 0;
  regions.forEach((region, ordinal) => {
    const id = `evidence-${ordinal}`;
    for (const index of region.results) markIds[index] = id;
    html += escapeHtml(abstract.slice(at, region.start));
    html += `<mark id="${id}" class="evidence">${escapeHtml(abstract.slice(region.start, region.end))}</mark>`;
    at = region.end;
  });
  return { html: html + escapeHtml(abstract.slice(at)), markIds };
}
