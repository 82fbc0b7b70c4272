import type { Taxonomy } from '../../briefs/taxonomy.js';

/**
 * Tags from the taxonomy whose id or synonyms occur in the title or abstract (whole words, case
 * ignored). A title hit counts double; the best-scoring tags come first, ties in taxonomy order.
 */

interface TagMatcher {
  /** Phrase (tokens joined by one space) → the taxonomy positions of the tags it signals. */
  tagsByPhrase: Map<string, number[]>;
  /** Every proper prefix of a phrase: a longer phrase is only tried while the words so far are one. */
  prefixes: Set<string>;
  /** Most tokens in one phrase. */
  longest: number;
}

const compiled = new WeakMap<Taxonomy, TagMatcher>();

/** Lower-case word tokens: spaces, hyphens and punctuation all separate words. */
function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function matcherFor(taxonomy: Taxonomy): TagMatcher {
  let matcher = compiled.get(taxonomy);
  if (!matcher) {
    const tagsByPhrase = new Map<string, number[]>();
    const prefixes = new Set<string>();
    let longest = 1;
    taxonomy.tags.forEach((tag, position) => {
      for (const phrase of [tag.id, ...tag.synonyms]) {
        const words = tokens(phrase);
        if (words.length === 0) continue;
        longest = Math.max(longest, words.length);
        for (let size = 1; size < words.length; size++) prefixes.add(words.slice(0, size).join(' '));
        const key = words.join(' ');
        const positions = tagsByPhrase.get(key) ?? [];
        if (!positions.includes(position)) positions.push(position);
        tagsByPhrase.set(key, positions);
      }
    });
    matcher = { tagsByPhrase, prefixes, longest };
    compiled.set(taxonomy, matcher);
  }
  return matcher;
}

function lookup(matcher: TagMatcher, key: string): number[] | undefined {
  const exact = matcher.tagsByPhrase.get(key);
  if (exact) return exact;
  // Plurals of the last word still match ("transformers" → "transformer", "benchmarks").
  if (key.endsWith('es')) {
    const found = matcher.tagsByPhrase.get(key.slice(0, -2));
    if (found) return found;
  }
  return key.endsWith('s') ? matcher.tagsByPhrase.get(key.slice(0, -1)) : undefined;
}

/** Counts phrase hits, longest phrase first at each position, phrases not overlapping. */
function addHits(scores: Map<number, number>, text: string, matcher: TagMatcher, weight: number): void {
  const words = tokens(text);
  let index = 0;
  while (index < words.length) {
    let found: number[] | undefined;
    let step = 1;
    let key = '';
    const last = Math.min(matcher.longest, words.length - index);
    for (let size = 1; size <= last; size++) {
      key = size === 1 ? (words[index] as string) : `${key} ${words[index + size - 1] as string}`;
      const positions = lookup(matcher, key);
      if (positions) {
        found = positions;
        step = size;
      }
      if (!matcher.prefixes.has(key)) break;
    }
    for (const position of found ?? []) scores.set(position, (scores.get(position) ?? 0) + weight);
    index += step;
  }
}

/** Up to `limit` tag ids for a paper, best first. */
export function matchTags(taxonomy: Taxonomy, title: string, abstract: string, limit = 8): string[] {
  const matcher = matcherFor(taxonomy);
  const scores = new Map<number, number>();
  addHits(scores, title, matcher, 2);
  addHits(scores, abstract, matcher, 1);
  return [...scores]
    .sort(([positionA, scoreA], [positionB, scoreB]) => scoreB - scoreA || positionA - positionB)
    .slice(0, limit)
    .map(([position]) => taxonomy.tags[position]?.id ?? '')
    .filter((id) => id.length > 0);
}
