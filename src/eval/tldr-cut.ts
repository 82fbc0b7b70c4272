/**
 * The TL;DR cut rule of `../shared/data/README.md`, as `score_briefs.py` applies it: a sentence
 * of the TL;DR (4 words or more) found word by word in the abstract, where the abstract's sentence
 * goes on for 2 or more words and the next character is not `,` `;` `:` `(` or a dash.
 */

// Python's `(?<=[.!?])\s+(?=[A-Z(\[])`.
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z([])/;
// Python's `\W+` on str patterns: anything but a Unicode letter, digit or underscore.
const NON_WORD = String.raw`[^\p{L}\p{N}_]+`;

/** Lower-case ASCII words and digits of `text` (the scorer's `words_of`). */
export function scoredWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first sentence of `tldr` that stops inside a sentence of `abstract`, or null when none does. */
export function cutSentence(tldr: string, abstract: string): string | null {
  const text = abstract.normalize('NFKC');
  for (const sentence of tldr.split(SENTENCE_END)) {
    const words = scoredWords(sentence);
    if (words.length < 4) continue;
    const found = new RegExp(words.map(escapeRegExp).join(NON_WORD), 'iu').exec(text);
    if (!found) continue;
    const rest = text.slice(found.index + found[0].length);
    const stop = /[.!?](?:\s|$)/.exec(rest);
    const tail = stop ? rest.slice(0, stop.index) : rest;
    if (scoredWords(tail).length >= 2 && !/^\s*[,;:(\u2013\u2014-]/.test(rest)) return sentence;
  }
  return null;
}
