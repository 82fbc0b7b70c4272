/**
 * Matching text against its source the way grounding needs it: Unicode NFKC, white space folded,
 * case ignored, LaTeX escapes read the same on both sides (`84.8\%` = `84.8%`, `2.3\times` = `2.3x`
 * = `2.3×`), dashes and quotes unified. A match is mapped back to the source's own characters, so
 * what a brief emits is always literally in the abstract.
 */

// Order matters: longer commands first so `\times` is not read as `\t`.
const LATEX_REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['\\times', 'x'],
  ['\\approx', '≈'],
  ['\\cdot', '·'],
  ['\\sim', '~'],
  ['\\leq', '≤'],
  ['\\geq', '≥'],
  ['\\le', '≤'],
  ['\\ge', '≥'],
  ['\\pm', '±'],
  ['\\%', '%'],
  ['\\$', '$'],
  ['\\&', '&'],
  ['\\#', '#'],
  ['\\_', '_'],
  ['\\{', '{'],
  ['\\}', '}'],
];

const CHAR_REPLACEMENTS: Readonly<Record<string, string>> = {
  '×': 'x',
  '–': '-',
  '—': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
};

/** Text prepared for matching, with each folded character's span in `original`. */
export interface FoldedText {
  /** The NFKC form of the input: what matches are mapped back into. */
  readonly original: string;
  readonly folded: string;
  /** `starts[j]`/`ends[j]`: the span of `original` that folded character j came from. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const WHITE_SPACE = /\s/;
const LETTER = /[a-z]/i;
/** Printable ASCII but the backslash: folds to its lower case, one character for one. */
const PLAIN_RUN = /[\x21-\x5b\x5d-\x7e]+/y;

/** `/\s/` by character code: ASCII answered without a regular expression (the common case). */
function isWhiteSpace(code: number, char: string): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITE_SPACE.test(char);
}

export function foldText(text: string): FoldedText {
  const original = text.normalize('NFKC');
  // Grounding folds every abstract twice per paper, so plain ASCII is taken a run at a time
  // (one lower-casing per run, no regular expression per character); the rest as before.
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (chars: string, start: number, end: number): void => {
    for (const char of chars) {
      folded += char;
      starts.push(start);
      ends.push(end);
    }
  };
  const length = original.length;
  let index = 0;
  while (index < length) {
    PLAIN_RUN.lastIndex = index;
    const run = PLAIN_RUN.exec(original)?.[0];
    if (run !== undefined) {
      folded += run.toLowerCase();
      for (let offset = 0; offset < run.length; offset++) {
        starts.push(index + offset);
        ends.push(index + offset + 1);
      }
      index += run.length;
      continue;
    }
    const char = original[index] as string;
    if (isWhiteSpace(original.charCodeAt(index), char)) {
      let end = index + 1;
      while (end < length && isWhiteSpace(original.charCodeAt(end), original[end] as string)) end++;
      // Leading white space folds away; inner runs become one space.
      if (folded.length > 0) push(' ', index, end);
      index = end;
      continue;
    }
    if (char === '\\') {
      const latex = LATEX_REPLACEMENTS.find(
        ([command]) =>
          original.startsWith(command, index) &&
          // `\le` must not eat the start of `\left`; a command ends at a non-letter.
          !(
            LETTER.test(command[command.length - 1] as string) &&
            LETTER.test(original[index + command.length] ?? '')
          ),
      );
      if (latex) {
        push(latex[1], index, index + latex[0].length);
        index += latex[0].length;
        continue;
      }
    }
    const replaced = CHAR_REPLACEMENTS[char] ?? char;
    push(replaced.toLowerCase(), index, index + 1);
    index++;
  }
  // Trailing white space folds away too.
  while (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  return { original, folded, starts, ends };
}

/**
 * The fold of `${first.original}\n${second.original}` built from the folds of its two parts,
 * without folding the text again. Exact, because nothing reaches across the line break: NFKC
 * never composes or reorders across it (a starter with no compositions), a LaTeX command ends
 * at it, and the white space around it becomes the one space between the parts (none when a
 * part folds to nothing).
 */
export function joinFolded(first: FoldedText, second: FoldedText): FoldedText {
  const offset = first.original.length + 1;
  const original = `${first.original}\n${second.original}`;
  if (second.folded.length === 0 || first.folded.length === 0) {
    const only = second.folded.length === 0 ? first : second;
    const shift = only === first ? 0 : offset;
    return {
      original,
      folded: only.folded,
      starts: only.starts.map((start) => start + shift),
      ends: only.ends.map((end) => end + shift),
    };
  }
  // The white space run between the parts: from the end of the first part's last character to
  // the start of the second part's first one.
  const starts = [...first.starts, first.ends[first.ends.length - 1] as number];
  const ends = [...first.ends, offset + (second.starts[0] as number)];
  for (let index = 0; index < second.starts.length; index++) {
    starts.push((second.starts[index] as number) + offset);
    ends.push((second.ends[index] as number) + offset);
  }
  return { original, folded: `${first.folded} ${second.folded}`, starts, ends };
}

/** Collapses white space runs to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface SourceMatch {
  /** The matched characters as the source has them (NFKC, white space collapsed). */
  literal: string;
  start: number;
  end: number;
}

/** Put in place of a span of the source that must not be matched (see `blankSpans`). */
export const BLANK = '\u0000';

/** `text` with each span replaced by one `BLANK`, so no match can reach into or across it. */
export function blankSpans(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  let result = '';
  let at = 0;
  for (const span of [...spans].sort((left, right) => left.start - right.start)) {
    result += `${text.slice(at, span.start)}${BLANK}`;
    at = span.end;
  }
  return result + text.slice(at);
}

const isDigit = (char: string | undefined): boolean => char !== undefined && /[0-9]/.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Finds `needle` in `source` after folding both. With `numberBoundaries`, a needle starting or
 * ending with a digit must not continue a longer number in the source (`5%` is not in `15%`).
 */
export function findInSource(
  source: FoldedText,
  needle: string,
  options: { numberBoundaries?: boolean; wordBoundaries?: boolean; from?: number } = {},
): SourceMatch | undefined {
  const target = foldText(needle).folded;
  // NUL stands for a blanked-out span of the source (an instruction sentence): nothing matches it.
  if (target.length === 0 || target.includes(BLANK)) return undefined;
  let at = source.folded.indexOf(target, options.from ?? 0);
  while (at !== -1) {
    const end = at + target.length;
    const before = source.folded[at - 1];
    const after = source.folded[end];
    const clashesBefore =
      isDigit(target[0]) && (isDigit(before) || (before === '.' && isDigit(source.folded[at - 2])));
    const clashesAfter =
      isDigit(target[target.length - 1]) &&
      (isDigit(after) || (after === '.' && isDigit(source.folded[end + 1])));
    // With `wordBoundaries`, a needle starting or ending with a letter or digit must not continue a
    // longer word (`EL` is not in `models`).
    const insideWord =
      options.wordBoundaries === true &&
      ((isWordChar(target[0]) && isWordChar(before)) ||
        (isWordChar(target[target.length - 1]) && isWordChar(after)));
    if ((!options.numberBoundaries || (!clashesBefore && !clashesAfter)) && !insideWord) {
      const start = source.starts[at] as number;
      const stop = source.ends[end - 1] as number;
      return { literal: collapseWhitespace(source.original.slice(start, stop)), start: at, end };
    }
    at = source.folded.indexOf(target, at + 1);
  }
  return undefined;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

/** The numbers written in `text` (`8.1`, `1,890`, `3`), in order. */
export function numbersIn(text: string): string[] {
  return foldText(text).folded.match(NUMBER) ?? [];
}

/** Numbers of `text` that do not occur (as whole numbers) in `source`. */
export function ungroundedNumbers(text: string, source: FoldedText): string[] {
  return numbersIn(text).filter((number) => !findInSource(source, number, { numberBoundaries: true }));
}
