import type { Paper } from '../../papers/paper.js';

/**
 * A TL;DR made only of the paper's own words (8–40 words): used by the extractive summarizer and
 * by the pipeline when another provider's TL;DR states numbers the source does not have.
 * PLACEHOLDER: the extractive summarizer issue replaces this with a real headline picker.
 */
export function headlineTldr(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const words = `${paper.title}: ${paper.abstract}`.split(/\s+/).filter(Boolean).slice(0, 30);
  return words.join(' ');
}
