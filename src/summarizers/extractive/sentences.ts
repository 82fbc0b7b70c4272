/** One sentence of an abstract, with its span in the text it was cut from. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Words after which a full stop does not end a sentence ("e.g.", "et al.", "vs.").
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'al',
  'vs',
  'cf',
  'fig',
  'figs',
  'eq',
  'no',
  'approx',
  'resp',
]);

const SENTENCE_OPENER =
  /^\s+(?:We|Our|The|This|These|Those|In|It|Its|Experiments?|Results?|Moreover|Furthermore|Finally|However|Code|To|On|For|Extensive|Additionally|Notably|Specifically|Overall|Empirically|Unlike|With|By|As|Further)\b/;

function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  const before = text.slice(Math.max(0, dotIndex - 8), dotIndex);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/^\./, ''))) return true;
  // A single capital before the dot is an initial ("J. Smith"), not a sentence end, unless a
  // sentence opener follows ("on task Z. We show").
  return /(^|[\s.])[A-Z]$/.test(before) && !SENTENCE_OPENER.test(text.slice(dotIndex + 1));
}

function insideUrl(text: string, index: number): boolean {
  const start = text.lastIndexOf(' ', index) + 1;
  return /^(https?:\/\/|www\.)/i.test(text.slice(start, index + 1));
}

/**
 * Splits an abstract into sentences. A sentence ends at `.`, `!` or `?` followed by white space
 * and a capital, digit, quote or bracket, or directly by a capital when a word precedes the stop
 * ("budgets.While": copied abstracts sometimes lose the space). Abbreviations, initials and URLs
 * do not end sentences. Spans index into `text`, so evidence stays a literal quote.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0)
      sentences.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char !== '.' && char !== '!' && char !== '?') continue;
    const rest = text.slice(index + 1);
    const spaced = /^\s+["'“([]?[A-Z0-9]/.test(rest);
    const glued = /^[A-Z][a-z]/.test(rest) && /[a-z]{2}$/.test(text.slice(Math.max(0, index - 2), index));
    if (rest.length > 0 && !spaced && !glued) continue;
    if (glued && insideUrl(text, index)) continue;
    if (char === '.' && rest.length > 0 && endsWithAbbreviation(text, index)) continue;
    push(index + 1);
    start = index + 1;
  }
  push(text.length);
  return sentences;
}
