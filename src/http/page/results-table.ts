import type { ClaimedResult } from '../../briefs/brief.js';
import { escapeHtml } from '../../briefs/html-text.js';

const cell = (text: string | null) =>
  text === null ? '<td class="none">—</td>' : `<td>${escapeHtml(text)}</td>`;

/**
 * The results of a brief as an HTML table (value, metric, dataset, comparison). With `markIds`
 * (markEvidence), each value links to its evidence mark in the abstract: the page's script
 * highlights it on hover and focus, and without script `:target` does on click.
 */
export function resultsTable(
  results: readonly ClaimedResult[],
  options: { markIds?: ReadonlyArray<string | undefined> } = {},
): string {
  if (results.length === 0) return '<p class="none">No numeric results are claimed in the abstract.</p>';
  const rows = results.map((result, index) => {
    const value = escapeHtml(result.value);
    const mark = options.markIds?.[index];
    const valueCell = mark
      ? `<th scope="row"><a class="result-link" href="#${mark}" data-evidence="${mark}">${value}</a></th>`
      : `<th scope="row">${value}</th>`;
    return `<tr>${valueCell}${cell(result.metric)}${cell(result.dataset)}${cell(result.comparison)}</tr>`;
  });
  return (
    '<table class="results"><caption>Claimed results</caption>' +
    '<thead><tr><th scope="col">Value</th><th scope="col">Metric</th><th scope="col">Dataset</th>' +
    '<th scope="col">Compared with</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
