import { titleHashId, versionlessArxivId } from './papers/paper-id.js';
import type { Paper } from './papers/paper.js';
import type { Store } from './stores/store.js';

/** A paper under the id its briefs are kept under, and the other id it was known by, if any. */
export interface SettledPaper {
  paper: Paper;
  /** Set when the paper is one already stored under another id (its briefs are its briefs). */
  knownAs?: string | undefined;
}

/**
 * One paper, one identity. A paper read without an arXiv id (a Hugging Face page: id `t-` + title
 * hash) takes the arXiv id the same title was stored under; a paper with an arXiv id records its
 * title hash as an alias and takes over the briefs stored under it (read earlier from a page).
 * Either way the store keeps one brief, under the arXiv id, and `show`, the API and the page find
 * it by both ids.
 */
export async function settlePaperIdentity(
  paper: Paper,
  store: Pick<Store, 'resolvePaperId' | 'linkAlias'>,
): Promise<SettledPaper> {
  if (versionlessArxivId(paper.id) === undefined) {
    const canonical = await store.resolvePaperId(paper.id);
    return canonical === paper.id ? { paper } : { paper: { ...paper, id: canonical }, knownAs: paper.id };
  }
  const alias = titleHashId(paper.title);
  const { moved } = await store.linkAlias(alias, paper.id);
  return moved > 0 ? { paper, knownAs: alias } : { paper };
}
