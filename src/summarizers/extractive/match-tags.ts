import type { Taxonomy } from '../../briefs/taxonomy.js';

/**
 * Tags from the taxonomy whose id or synonyms occur in the title or abstract (whole words, case
 * ignored). A title hit counts double; the best-scoring tags come first, ties in taxonomy order.
 */

export interface TagMatcher {
  id: string;
  patterns: RegExp[];
}

const compiled = new WeakMap<Taxonomy, TagMatcher[]>();

function phrasePattern(phrase: string): RegExp {
  const escaped = phrase
    .toLowerCase()
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[\s-]+/g, '[\\s-]+');
  // Plurals and simple inflections of the last word still match ("transformer" → "transformers").
  return new RegExp(`(?<![a-z0-9])${escaped}(?:s|es)?(?![a-z0-9])`, 'g');
}

function matchersFor(taxonomy: Taxonomy): TagMatcher[] {
  let matchers = compiled.get(taxonomy);
  if (!matchers) {
    matchers = taxonomy.tags.map((tag) => ({
      id: tag.id,
      patterns: [tag.id.replace(/-/g, ' '), ...tag.synonyms].map(phrasePattern),
    }));
    compiled.set(taxonomy, matchers);
  }
  return matchers;
}

function hits(text: string, patterns: readonly RegExp[]): number {
  let count = 0;
  for (const pattern of patterns) count += text.match(pattern)?.length ?? 0;
  return count;
}

/** Up to `limit` tag ids for a paper, best first. */
export function matchTags(taxonomy: Taxonomy, title: string, abstract: string, limit = 8): string[] {
  const lowerTitle = title.toLowerCase();
  const lowerAbstract = abstract.toLowerCase();
  return matchersFor(taxonomy)
    .map((matcher, order) => ({
      id: matcher.id,
      order,
      score: 2 * hits(lowerTitle, matcher.patterns) + hits(lowerAbstract, matcher.patterns),
    }))
    .filter((scored) => scored.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((scored) => scored.id);
}
