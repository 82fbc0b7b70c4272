/**
 * The pieces a TL;DR is made of, each one a stretch of the paper's own sentence that ends where
 * the sentence ends or at a clause boundary (`,` `;` `:` an opening bracket or a dash): a TL;DR
 * never stops inside a clause ("... and is on par." for "... and is on par with X.").
 */

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** LaTeX escapes shown as the characters they stand for, quotes straightened, spaces collapsed. */
export function readable(text: string): string {
  return text
    .replace(/\\%/g, '%')
    .replace(/\\times/g, '×')
    .replace(/\\\$/g, '$')
    .replace(/``|''/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `text` ending in a full stop (or its own `.`, `!`, `?`). */
export function finish(text: string): string {
  const trimmed = text.replace(/[\s,;:–—-]+$/, '');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// A clause boundary: the character that follows the piece (", ", "; ", ": ", " (", " – ", " -- ").
const BOUNDARY = /[,;:](?=\s)|\s(?=\()|\s(?=[–—]\s|--?\s)/g;
// Where a clause may start: after ", ", "; " or ": ".
const CLAUSE_START = /[,;:]\s+/g;

/**
 * Ends of the clause-bounded prefixes of `text` (character offsets), shortest first, the whole text
 * last. A piece must end on a letter or digit: after "40%" or "(ReNO)" the boundary is hidden
 * behind the sign, and a reader (and the scorer) sees the clause go on.
 */
export function clauseEnds(text: string): number[] {
  const ends = [...text.matchAll(BOUNDARY)]
    .map((match) => match.index)
    .filter((end) => /[A-Za-z0-9]$/.test(text.slice(0, end).trimEnd()));
  return [...new Set([...ends, text.length])].filter((end) => end > 0).sort((a, b) => a - b);
}

/** Starts of the clauses of `text` (character offsets), 0 first. */
export function clauseStarts(text: string): number[] {
  return [0, ...[...text.matchAll(CLAUSE_START)].map((match) => match.index + match[0].length)];
}

/** "Results (on 3 tasks) improve": the text with its bracketed asides removed, or null when it has none. */
export function withoutAsides(text: string): string | null {
  const stripped = text.replace(/\s*\([^()]*\)/g, '').replace(/\s+([,;:.])/g, '$1');
  return stripped === text ? null : stripped;
}

/**
 * Clause-bounded stretches of `text` covering [keepFrom, keepTo) (the value a result states), the
 * longest first, each at most `maxWords` words: whole text, then shorter ends, then later starts.
 */
export function clausePieces(text: string, maxWords: number, keepFrom = 0, keepTo = 0): string[] {
  const pieces: string[] = [];
  for (const start of clauseStarts(text).filter((candidate) => candidate <= keepFrom))
    for (const end of clauseEnds(text)
      .filter((candidate) => candidate >= keepTo)
      .reverse()) {
      const piece = text.slice(start, end).trim();
      if (piece.length > 0 && wordCount(piece) <= maxWords) pieces.push(piece);
    }
  return pieces.sort((a, b) => wordCount(b) - wordCount(a));
}
