import { describe, expect, it } from 'vitest';
import { TaxonomySchema, type Taxonomy } from '../../../src/briefs/taxonomy.js';
import { explainTags } from '../../../src/summarizers/extractive/match-tags.js';
import { TAG_RULES, isAcronym } from '../../../src/summarizers/extractive/tag-rules.js';

// Each rule of the table with made-up sentences: one it rejects, one it lets through.
const taxonomy: Taxonomy = TaxonomySchema.parse({
  version: 't',
  tags: [
    { id: 'speech-synthesis', kind: 'task', synonyms: ['tts', 'text-to-speech'] },
    { id: 'test-time-scaling', kind: 'method', synonyms: ['test-time scaling'] },
    { id: 'reinforcement-learning', kind: 'method', synonyms: ['rl', 'reinforcement learning'] },
    { id: 'finance', kind: 'domain', synonyms: ['financial', 'investors'] },
    { id: 'efficient-training', kind: 'method', synonyms: ['compute budget', 'training cost'] },
    { id: 'education', kind: 'domain', synonyms: ['students'] },
    { id: 'survey', kind: 'property', synonyms: ['survey', 'review'] },
  ],
});

function rejectedBy(
  title: string,
  abstract: string,
  contributionType: 'method' | 'survey' = 'method',
): string[] {
  return explainTags(taxonomy, title, abstract, { contributionType }).rejected.map(
    (entry) => `${entry.id}:${entry.rule}`,
  );
}

describe('the tag rules table', () => {
  it('names every rule once, each with a reason', () => {
    const names = TAG_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of TAG_RULES) expect(rule.reason.length).toBeGreaterThan(20);
  });

  it('acronym-defined-as-something-else: TTS spelled out as test-time scaling is not speech', () => {
    expect(rejectedBy('TTS for reasoning', 'We study test-time scaling (TTS). TTS helps.')).toEqual([
      'speech-synthesis:acronym-defined-as-something-else',
      'speech-synthesis:acronym-defined-as-something-else',
      'speech-synthesis:acronym-defined-as-something-else',
    ]);
    expect(rejectedBy('A voice', 'We build a text-to-speech (TTS) model. TTS is fast.')).toEqual([]);
  });

  it('two-letter-acronym-undefined: a bare RL is not enough', () => {
    expect(rejectedBy('A title', 'Our RL agent wins.')).toEqual([
      'reinforcement-learning:two-letter-acronym-undefined',
    ]);
    expect(rejectedBy('A title', 'We use reinforcement learning (RL). RL wins.')).toEqual([]);
  });

  it('money-is-not-finance: a dollar cost of the work is not finance', () => {
    expect(rejectedBy('A title', 'The financial cost of one run is 10 dollars.')).toEqual([
      'finance:money-is-not-finance',
    ]);
    expect(rejectedBy('A title', 'We forecast returns for investors on stock markets.')).toEqual([]);
  });

  it('budget-is-not-training: a compute budget at inference is not efficient training', () => {
    expect(rejectedBy('A title', 'Under a fixed compute budget at test time, sampling wins.')).toEqual([
      'efficient-training:budget-is-not-training',
    ]);
    expect(rejectedBy('A title', 'We cut the compute budget of pre-training by half.')).toEqual([]);
  });

  it('student-models-are-not-education: students of a teacher model', () => {
    expect(rejectedBy('A title', 'We distill a teacher model into students.')).toEqual([
      'education:student-models-are-not-education',
    ]);
    expect(rejectedBy('A title', 'Tutoring helps students in schools learn algebra.')).toEqual([]);
  });

  it('contribution-kind-not-made: "survey" needs a survey', () => {
    expect(rejectedBy('A title', 'We survey users about the survey.', 'method')).toEqual([
      'survey:contribution-kind-not-made',
      'survey:contribution-kind-not-made',
    ]);
    expect(rejectedBy('A survey of things', 'We review the field.', 'survey')).toEqual([]);
  });

  it('reads acronyms as two or more capitals', () => {
    expect(['TTS', 'LLMs', 'MoE', 'LoRA'].map(isAcronym)).toEqual([true, true, true, true]);
    expect(['Model', 'rl', 'A'].map(isAcronym)).toEqual([false, false, false]);
  });
});
