import type { ContributionType } from '../../briefs/brief.js';
import type { Taxonomy } from '../../briefs/taxonomy.js';
import type { TagHit, Token } from './tag-hits.js';

/**
 * The rules that decide whether a phrase hit is evidence for its tag, as an ordered table: the
 * first rule whose test holds rejects the hit, and its name is what `eval --details` counts. Each
 * rule is about language (acronyms, what a word refers to, what the paper contributes), never
 * about a paper.
 */

export type TaxonomyTag = Taxonomy['tags'][number];

export interface TagHitContext {
  tag: TaxonomyTag;
  hit: TagHit;
  /** Tokens of the text the hit is in (title or abstract). */
  tokens: readonly Token[];
  /** Acronyms the abstract defines ("test-time scaling (TTS)"): acronym → the words before it. */
  definitions: ReadonlyMap<string, readonly string[]>;
  /** Phrase keys of the hit's tag (its id and synonyms, lower-case words joined by a space). */
  tagPhrases: ReadonlySet<string>;
  contributionType: ContributionType | null;
}

export interface TagRule {
  name: string;
  reason: string;
  rejects: (context: TagHitContext) => boolean;
}

/** "TTS", "LLMs", "MoE", "LoRA": two or more capitals, at most one lower-case letter between them. */
export function isAcronym(word: string): boolean {
  return /^(?:[A-Z][a-z]?){2,}$/.test(word.replace(/s$/, '')) && /[A-Z].*[A-Z]/.test(word);
}

/** True when one of the tag's phrases occurs in `words` (lower-case tokens). */
function mentionsTag(words: readonly string[], phrases: ReadonlySet<string>): boolean {
  for (let start = 0; start < words.length; start++)
    for (let end = start + 1; end <= words.length; end++) {
      const key = words.slice(start, end).join(' ');
      if (phrases.has(key) || phrases.has(key.replace(/e?s$/, ''))) return true;
    }
  return false;
}

function acronymOf(context: TagHitContext): string | null {
  const { hit } = context;
  return hit.size === 1 && isAcronym(hit.phrase) ? hit.phrase.replace(/s$/, '') : null;
}

/** The words around a hit, the hit's own words left out: a window of tokens on either side. */
function near(context: TagHitContext, before: number, after: number): string[] {
  const { hit, tokens } = context;
  return [
    ...tokens.slice(Math.max(0, hit.at - before), hit.at),
    ...tokens.slice(hit.at + hit.size, hit.at + hit.size + after),
  ].map((token) => token.key);
}

const MONEY = /^(?:cost|costs|dollar|dollars|usd|price|prices|priced|spend|spending|spent|cheaper|api)$/;
const TRAINING = /^(?:train|trains|training|trained|pretrain|pretraining|finetuning|tuning)$/;
const TEACHING_MODELS = /^(?:teacher|teachers|distill|distillation|distilled|model|models|network|networks)$/;
const CONTRIBUTION_TAGS: Readonly<Record<string, readonly ContributionType[]>> = {
  survey: ['survey'],
  'benchmark-dataset': ['benchmark', 'dataset'],
  'technical-report': ['model'],
};

export const TAG_RULES: readonly TagRule[] = [
  {
    name: 'acronym-defined-as-something-else',
    reason:
      'the abstract spells the acronym out, and its expansion is not this tag ("test-time scaling (TTS)" is not speech synthesis)',
    rejects: (context) => {
      const acronym = acronymOf(context);
      const expansion = acronym === null ? undefined : context.definitions.get(acronym);
      return expansion !== undefined && !mentionsTag(expansion, context.tagPhrases);
    },
  },
  {
    name: 'two-letter-acronym-undefined',
    reason: 'a two-letter acronym the abstract never spells out ("RL", "QA") is too ambiguous to tag on',
    rejects: (context) => {
      const acronym = acronymOf(context);
      return acronym !== null && acronym.length <= 2 && !context.definitions.has(acronym);
    },
  },
  {
    name: 'money-is-not-finance',
    reason: 'a cost, price or budget of the work itself does not make a paper about finance',
    rejects: (context) =>
      (context.tag.id === 'finance' || context.tag.id === 'sector-analysis') &&
      near(context, 6, 6).some((word) => MONEY.test(word)),
  },
  {
    name: 'budget-is-not-training',
    reason: 'a compute budget is a training topic only when the words around it speak of training',
    rejects: (context) =>
      context.tag.id === 'efficient-training' &&
      /\bbudgets?\b/i.test(context.hit.phrase) &&
      !near(context, 12, 12).some((word) => TRAINING.test(word)),
  },
  {
    name: 'student-models-are-not-education',
    reason: 'students and teaching next to teacher models or distillation are models, not schooling',
    rejects: (context) =>
      context.tag.id === 'education' && near(context, 12, 12).some((word) => TEACHING_MODELS.test(word)),
  },
  {
    name: 'contribution-kind-not-made',
    reason:
      'survey, benchmark-dataset and technical-report tags need the paper to be that kind of contribution',
    rejects: (context) => {
      const kinds = CONTRIBUTION_TAGS[context.tag.id];
      return (
        kinds !== undefined && context.contributionType !== null && !kinds.includes(context.contributionType)
      );
    },
  },
];

/** The first rule that rejects the hit, or undefined when the hit is evidence for its tag. */
export function rejectingTagRule(context: TagHitContext): TagRule | undefined {
  return TAG_RULES.find((rule) => rule.rejects(context));
}
