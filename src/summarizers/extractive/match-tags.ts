import type { ContributionType } from '../../briefs/brief.js';
import type { Taxonomy } from '../../briefs/taxonomy.js';
import { findTagHits, phraseKey, tokenize, type TagHit, type Token } from './tag-hits.js';
import { TAG_IMPLICATIONS, TAG_SPECIALISATIONS } from './tag-implications.js';
import { isAcronym, rejectingTagRule } from './tag-rules.js';

/**
 * Tags from the taxonomy with evidence in the title or abstract. Each phrase hit (a tag's id or
 * synonym, whole words, case ignored) passes the named rules of tag-rules.ts or is rejected; the
 * rest weigh by where and how specific they are (title 3, a phrase of several words 2, one word 1).
 * A tag needs a weight of 2 (one word once is not evidence), the heaviest come first (ties in
 * taxonomy order), at most `limit` of them; each keeps the phrases that earned it.
 */

/** Most tags per brief when the caller does not say. */
export const DEFAULT_MAX_TAGS = 5;
const MIN_WEIGHT = 2;

export interface TagChoice {
  id: string;
  weight: number;
  /** The phrases of the title or abstract that earned the tag, as written. */
  evidence: string[];
}

export interface TagExplanation {
  /** The tags kept, best first. */
  tags: TagChoice[];
  /** Names of the specialisations and implications that added weight to a tag. */
  implied: Array<{ id: string; rule: string }>;
  /** Hits a rule rejected: which tag, which phrase, which rule. */
  rejected: Array<{ id: string; phrase: string; rule: string }>;
  /** Tags with some evidence that did not make it: too light, or over the cap. */
  dropped: Array<{ id: string; weight: number; why: 'too little evidence' | 'over the cap' }>;
}

export interface MatchTagsOptions {
  /** @default DEFAULT_MAX_TAGS */
  limit?: number;
  /** What the paper contributes (decides the survey/benchmark-dataset/technical-report tags). */
  contributionType?: ContributionType | null;
}

// "test-time scaling (TTS)", "Mixture-of-Experts (MoE)": the words before a bracketed acronym.
const DEFINITION = /((?:[A-Za-z][\w'-]*\s+){1,8})\(\s*([A-Z][A-Za-z]*[A-Z])s?\s*\)/g;

function acronymDefinitions(text: string): Map<string, string[]> {
  const definitions = new Map<string, string[]>();
  for (const match of text.matchAll(DEFINITION)) {
    const acronym = match[2] ?? '';
    const words = tokenize(match[1] ?? '').map((token) => token.key);
    definitions.set(acronym, [...(definitions.get(acronym) ?? []), ...words.slice(-(acronym.length + 2))]);
  }
  return definitions;
}

/**
 * Strong evidence: a title hit, a phrase of several words, an acronym, or the tag's own name. One
 * ordinary word of the abstract ("prompt", "demonstrations", "representation"), however often
 * repeated, is weak: a tag needs strong evidence or two different weak words.
 */
function isStrong(hit: TagHit, id: string): boolean {
  return (
    hit.source === 'title' ||
    hit.size > 1 ||
    isAcronym(hit.phrase) ||
    phraseKey(hit.phrase).replace(/e?s$/, '') === phraseKey(id).replace(/e?s$/, '')
  );
}

function weightOf(hit: TagHit): number {
  if (hit.source === 'title') return 3;
  return hit.size > 1 ? 2 : 1;
}

/** Every tag candidate of a paper with its evidence, what the rules rejected and why. */
export function explainTags(
  taxonomy: Taxonomy,
  title: string,
  abstract: string,
  options: MatchTagsOptions = {},
): TagExplanation {
  const limit = options.limit ?? DEFAULT_MAX_TAGS;
  const definitions = acronymDefinitions(`${title}\n${abstract}`);
  const phrases = taxonomy.tags.map((tag) => new Set([tag.id, ...tag.synonyms].map(phraseKey)));
  const positions = new Map(taxonomy.tags.map((tag, position) => [tag.id, position]));
  const weights = new Map<
    number,
    { weight: number; evidence: string[]; strong: boolean; words: Set<string> }
  >();
  const add = (position: number, weight: number, phrase: string, strong = true): void => {
    const entry = weights.get(position) ?? {
      weight: 0,
      evidence: [],
      strong: false,
      words: new Set<string>(),
    };
    entry.weight += weight;
    entry.strong ||= strong;
    entry.words.add(phraseKey(phrase).replace(/e?s$/, ''));
    if (!entry.evidence.includes(phrase)) entry.evidence.push(phrase);
    weights.set(position, entry);
  };
  const implied: TagExplanation['implied'] = [];
  const rejected: TagExplanation['rejected'] = [];
  const texts: Array<[Token[], TagHit['source']]> = [
    [tokenize(title), 'title'],
    [tokenize(abstract), 'abstract'],
  ];
  for (const [tokens, source] of texts)
    for (const hit of findTagHits(taxonomy, tokens, source)) {
      const tag = taxonomy.tags[hit.tag];
      if (!tag) continue;
      const rule = rejectingTagRule({
        tag,
        hit,
        tokens,
        definitions,
        tagPhrases: phrases[hit.tag] ?? new Set(),
        contributionType: options.contributionType ?? null,
      });
      if (rule) {
        rejected.push({ id: tag.id, phrase: hit.phrase, rule: rule.name });
        continue;
      }
      add(hit.tag, weightOf(hit), hit.phrase, isStrong(hit, tag.id));
      for (const specialisation of TAG_SPECIALISATIONS) {
        const target = positions.get(specialisation.to);
        if (tag.id !== specialisation.from || target === undefined) continue;
        const window = tokens.slice(Math.max(0, hit.at - 12), hit.at + hit.size + 12);
        if (window.some((token) => specialisation.word.test(token.key))) {
          add(target, weightOf(hit), hit.phrase);
          implied.push({ id: specialisation.to, rule: specialisation.name });
        }
      }
    }
  for (const implication of TAG_IMPLICATIONS) {
    const target = positions.get(implication.tag);
    const sources = implication.from.flatMap((id) => {
      const position = positions.get(id);
      const found = position === undefined ? undefined : weights.get(position);
      return found && found.weight >= MIN_WEIGHT ? [{ id, weight: found.weight }] : [];
    });
    if (target === undefined || sources.length === 0) continue;
    const strongest = Math.max(...sources.map((source) => source.weight));
    const current = weights.get(target)?.weight ?? 0;
    if (current < strongest) add(target, strongest - current, `(${sources[0]?.id ?? ''})`);
    implied.push({ id: implication.tag, rule: implication.name });
  }
  // Properties (efficiency, open-source, state-of-the-art...) rank after topics of equal weight.
  const rankOf = (position: number, weight: number): number =>
    taxonomy.tags[position]?.kind === 'property' ? weight / 2 : weight;
  const ranked = [...weights].sort(
    ([tagA, a], [tagB, b]) => rankOf(tagB, b.weight) - rankOf(tagA, a.weight) || tagA - tagB,
  );
  const tags: TagChoice[] = [];
  const dropped: TagExplanation['dropped'] = [];
  for (const [position, { weight, evidence, strong, words }] of ranked) {
    const id = taxonomy.tags[position]?.id ?? '';
    if (weight < MIN_WEIGHT || (!strong && words.size < 2))
      dropped.push({ id, weight, why: 'too little evidence' });
    else if (tags.length >= limit) dropped.push({ id, weight, why: 'over the cap' });
    else tags.push({ id, weight, evidence });
  }
  return { tags, implied, rejected, dropped };
}

/** Up to `limit` tag ids for a paper, best first. */
export function matchTags(
  taxonomy: Taxonomy,
  title: string,
  abstract: string,
  options: MatchTagsOptions = {},
): string[] {
  return explainTags(taxonomy, title, abstract, options).tags.map((tag) => tag.id);
}
