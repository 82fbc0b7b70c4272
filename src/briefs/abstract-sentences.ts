/**
 * Splits an abstract into sentences with their character spans, for the rules that judge one
 * sentence at a time (an instruction addressed to the model). A sentence ends at `.`, `!` or `?`
 * followed by white space and a capital, digit, quote or bracket, or at a line break; common
 * abbreviations (`e.g.`, `et al.`, `Fig.`) do not end one. Good enough for abstracts, which
 * rarely need more; a wrong split only makes a rule look at a shorter or longer piece of text.
 */

export interface AbstractSentence {
  /** The sentence as written (white space inside kept). */
  readonly text: string;
  /** Its span in the abstract. */
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'al',
  'etc',
  'vs',
  'cf',
  'fig',
  'figs',
  'eq',
  'eqs',
  'sec',
  'tab',
  'no',
  'dr',
  'mr',
  'ms',
  'prof',
  'approx',
  'resp',
]);

/** A candidate end: terminal punctuation (and closing quotes or brackets), then white space. */
const SENTENCE_END = /[.!?]["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}\\])|\n\s*|\s+(?=\p{Lu})/gu;
/** The last token before a candidate end: a URL ends a sentence when a capital follows. */
const ENDS_WITH_URL = /https?:\/\/\S*[\p{L}\p{N}/]$/u;
/** The word just before a full stop, to recognise abbreviations. */
const LAST_WORD = /([\p{L}.]+)\.$/u;

export function abstractSentences(abstract: string): AbstractSentence[] {
  const sentences: AbstractSentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = abstract.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text.length > 0) sentences.push({ text, start: start + leading, end: start + leading + text.length });
  };
  for (const match of abstract.matchAll(SENTENCE_END)) {
    const at = match.index;
    if (/^\s/.test(match[0]) && !match[0].includes('\n')) {
      // White space before a capital: a boundary only right after a URL (link lists).
      const token =
        abstract
          .slice(Math.max(start, at - 300), at)
          .split(/\s/)
          .pop() ?? '';
      if (!ENDS_WITH_URL.test(token)) continue;
    }
    if (match[0].startsWith('.')) {
      const word = LAST_WORD.exec(abstract.slice(Math.max(0, at - 12), at + 1))?.[1]?.toLowerCase();
      if (word !== undefined && (ABBREVIATIONS.has(word) || /^(?:\p{L}\.)+\p{L}?$/u.test(word))) continue;
    }
    const terminal = match[0].replace(/\s+$/, '');
    push(at + terminal.length);
    start = at + match[0].length;
  }
  push(abstract.length);
  return sentences;
}
