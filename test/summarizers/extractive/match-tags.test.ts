import { describe, expect, it } from 'vitest';
import { loadTaxonomy, TaxonomySchema, type Taxonomy } from '../../../src/briefs/taxonomy.js';
import { matchTags } from '../../../src/summarizers/extractive/match-tags.js';

const taxonomy: Taxonomy = TaxonomySchema.parse({
  version: 't',
  tags: [
    { id: 'diffusion-models', kind: 'method', synonyms: ['diffusion model', 'score-based'] },
    { id: 'language-modeling', kind: 'task', synonyms: ['llm', 'large language model'] },
    { id: 'vision', kind: 'modality', synonyms: ['images'] },
  ],
});

describe('matchTags', () => {
  it('matches ids and synonyms as whole words, plurals, hyphens and spaces alike', () => {
    expect(matchTags(taxonomy, 'Score based Diffusion Models', 'We study LLMs and image data.')).toEqual([
      'diffusion-models',
      'language-modeling',
    ]);
    expect(matchTags(taxonomy, 'A title', 'Pollmmers and imagesque words do not count.')).toEqual([]);
  });

  it('ranks title hits above single abstract hits and honours the limit', () => {
    expect(
      matchTags(taxonomy, 'Images', 'A large language model and a diffusion model, then an LLM.', 2),
    ).toEqual(['language-modeling', 'vision']);
  });
});

describe('the bundled taxonomy', () => {
  it('has 60 to 150 unique kebab-case tags with synonyms', () => {
    const bundled = loadTaxonomy();
    expect(bundled.tags.length).toBeGreaterThanOrEqual(60);
    expect(bundled.tags.length).toBeLessThanOrEqual(150);
    expect(new Set(bundled.tags.map((tag) => tag.id)).size).toBe(bundled.tags.length);
    expect(bundled.tags.every((tag) => tag.synonyms.length > 0)).toBe(true);
    for (const kind of ['method', 'task', 'modality', 'domain']) {
      expect(bundled.tags.some((tag) => tag.kind === kind)).toBe(true);
    }
  });
});
