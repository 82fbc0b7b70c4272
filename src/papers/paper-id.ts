import { createHash } from 'node:crypto';

// New-style (2406.04312) and old-style (cs/0112017, math.GT/0309136) arXiv ids, optional version.
const ARXIV_NEW = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const ARXIV_OLD = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;
const ARXIV_URL = /arxiv\.org\/(?:abs|pdf|html)\/([^?#\s]+?)(?:\.pdf)?(?:[?#].*)?$/i;

/**
 * The versionless arXiv id in `text` (a bare id, `arXiv:2406.04312v2`, or an arxiv.org URL),
 * or undefined when there is none.
 */
export function versionlessArxivId(text: string): string | undefined {
  let candidate = text.trim().replace(/^arxiv:/i, '');
  const url = ARXIV_URL.exec(candidate);
  if (url?.[1]) candidate = url[1];
  const match = ARXIV_NEW.exec(candidate) ?? ARXIV_OLD.exec(candidate);
  return match?.[1];
}

/** Title normalised for hashing: NFKC, lower case, punctuation and white space folded. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A stable id for a paper without an arXiv id: `t-` + 16 hex chars of SHA-256 of the title. */
export function titleHashId(title: string): string {
  return `t-${createHash('sha256').update(normaliseTitle(title)).digest('hex').slice(0, 16)}`;
}

/** The id to use for a paper: its versionless arXiv id when one is given, else the title hash. */
export function paperId(input: { id?: string | undefined; url?: string | undefined; title: string }): string {
  for (const candidate of [input.id, input.url]) {
    if (candidate) {
      const arxiv = versionlessArxivId(candidate);
      if (arxiv) return arxiv;
    }
  }
  if (input.id && input.id.trim()) return input.id.trim();
  return titleHashId(input.title);
}

/** SHA-256 hex of the text a brief is made from; goes into `provenance.input_hash`. */
export function inputHash(paper: { title: string; abstract: string }): string {
  return createHash('sha256').update(`${paper.title}\n\n${paper.abstract}`).digest('hex');
}
