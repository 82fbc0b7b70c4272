import { versionlessArxivId } from '../papers/paper-id.js';
import type { Brief } from './brief.js';

/** The arXiv abstract page of a brief's paper, when its id or URL names one. */
export function arxivUrl(brief: Pick<Brief, 'paper'>): string | undefined {
  const id = versionlessArxivId(brief.paper.id) ?? versionlessArxivId(brief.paper.url ?? '');
  return id === undefined ? undefined : `https://arxiv.org/abs/${id}`;
}

/** The code link of a brief, only when it is an http(s) URL (it is shown as a link or a button). */
export function codeUrl(brief: Pick<Brief, 'code_url'>): string | undefined {
  if (brief.code_url === null) return undefined;
  try {
    const url = new URL(brief.code_url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The day a brief was made (`2026-01-02`). */
export function briefedDay(brief: Pick<Brief, 'provenance'>): string {
  return brief.provenance.created_at.slice(0, 10);
}
