import type { Taxonomy } from '../../briefs/taxonomy.js';

/**
 * Where the phrases of a taxonomy occur in a text: each hit is a run of word tokens equal to a
 * tag's id or synonym (longest phrase first at each position, phrases not overlapping), kept with
 * the words as written, so a tag can say which phrase earned it and rules can look at case.
 */

export interface Token {
  /** As written. */
  text: string;
  /** Lower case, the form phrases are compared in. */
  key: string;
}

export interface TagHit {
  /** Position of the tag in the taxonomy. */
  tag: number;
  /** The words of the text that matched, as written. */
  phrase: string;
  /** Words in the phrase. */
  size: number;
  /** Index of its first token in `tokens`. */
  at: number;
  source: 'title' | 'abstract';
}

interface PhraseIndex {
  /** Phrase (tokens joined by one space) → the taxonomy positions of the tags it signals. */
  tagsByPhrase: Map<string, number[]>;
  /** Every proper prefix of a phrase: a longer phrase is only tried while the words so far are one. */
  prefixes: Set<string>;
  longest: number;
}

const compiled = new WeakMap<Taxonomy, PhraseIndex>();

/** Word tokens: spaces, hyphens and punctuation all separate words. */
export function tokenize(text: string): Token[] {
  return (text.match(/[A-Za-z0-9]+/g) ?? []).map((word) => ({ text: word, key: word.toLowerCase() }));
}

/** The words of a taxonomy phrase, lower case. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((token) => token.key)
    .join(' ');
}

function indexFor(taxonomy: Taxonomy): PhraseIndex {
  let index = compiled.get(taxonomy);
  if (!index) {
    const tagsByPhrase = new Map<string, number[]>();
    const prefixes = new Set<string>();
    let longest = 1;
    taxonomy.tags.forEach((tag, position) => {
      for (const phrase of [tag.id, ...tag.synonyms]) {
        const words = phraseKey(phrase).split(' ').filter(Boolean);
        if (words.length === 0) continue;
        longest = Math.max(longest, words.length);
        for (let size = 1; size < words.length; size++) prefixes.add(words.slice(0, size).join(' '));
        const key = words.join(' ');
        const positions = tagsByPhrase.get(key) ?? [];
        if (!positions.includes(position)) positions.push(position);
        tagsByPhrase.set(key, positions);
      }
    });
    index = { tagsByPhrase, prefixes, longest };
    compiled.set(taxonomy, index);
  }
  return index;
}

function lookup(index: PhraseIndex, key: string): number[] | undefined {
  const exact = index.tagsByPhrase.get(key);
  if (exact) return exact;
  // Plurals of the last word still match ("transformers" → "transformer", "benchmarks").
  if (key.endsWith('es')) {
    const found = index.tagsByPhrase.get(key.slice(0, -2));
    if (found) return found;
  }
  return key.endsWith('s') ? index.tagsByPhrase.get(key.slice(0, -1)) : undefined;
}

/** Every phrase hit of `tokens`, in text order. */
export function findTagHits(
  taxonomy: Taxonomy,
  tokens: readonly Token[],
  source: TagHit['source'],
): TagHit[] {
  const index = indexFor(taxonomy);
  const hits: TagHit[] = [];
  let at = 0;
  while (at < tokens.length) {
    let found: number[] | undefined;
    let step = 1;
    let key = '';
    const last = Math.min(index.longest, tokens.length - at);
    for (let size = 1; size <= last; size++) {
      key = size === 1 ? (tokens[at]?.key ?? '') : `${key} ${tokens[at + size - 1]?.key ?? ''}`;
      const positions = lookup(index, key);
      if (positions) {
        found = positions;
        step = size;
      }
      if (!index.prefixes.has(key)) break;
    }
    const phrase = tokens
      .slice(at, at + step)
      .map((token) => token.text)
      .join(' ');
    for (const tag of found ?? []) hits.push({ tag, phrase, size: step, at, source });
    at += step;
  }
  return hits;
}
