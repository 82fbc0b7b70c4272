import { describe, expect, it } from 'vitest';
import { loadTaxonomy, TaxonomySchema, type Taxonomy } from '../../../src/briefs/taxonomy.js';
import { explainTags, matchTags } from '../../../src/summarizers/extractive/match-tags.js';

const taxonomy: Taxonomy = TaxonomySchema.parse({
  version: 't',
  tags: [
    { id: 'diffusion-models', kind: 'method', synonyms: ['diffusion model', 'score-based'] },
    { id: 'language-modeling', kind: 'task', synonyms: ['llm', 'large language model'] },
    { id: 'vision', kind: 'modality', synonyms: ['images'] },
    { id: 'in-context-learning', kind: 'method', synonyms: ['demonstrations', 'icl'] },
    { id: 'image-generation', kind: 'task', synonyms: ['text-to-image'] },
    { id: 'efficiency', kind: 'property', synonyms: ['efficient'] },
    { id: 'efficient-inference', kind: 'method', synonyms: ['latency'] },
  ],
});

describe('matchTags', () => {
  it('keeps tags with strong evidence (title, several words, an acronym), best first', () => {
    expect(
      matchTags(taxonomy, 'Score based Diffusion Models', 'We study a large language model and an LLM.'),
    ).toEqual(['diffusion-models', 'language-modeling']);
    expect(matchTags(taxonomy, 'A title', 'Pollmmers and imagesque words do not count.')).toEqual([]);
  });

  it('does not tag on one ordinary word of the abstract, however often repeated', () => {
    const explanation = explainTags(
      taxonomy,
      'Robots that learn',
      'The robot learns from human demonstrations. More demonstrations help.',
    );
    expect(explanation.tags).toEqual([]);
    expect(explanation.dropped).toEqual([
      { id: 'in-context-learning', weight: 2, why: 'too little evidence' },
    ]);
  });

  it('keeps at most `limit` tags and says which phrase earned each', () => {
    const explanation = explainTags(
      taxonomy,
      'Images',
      'A large language model and a diffusion model, then an LLM.',
      { limit: 2 },
    );
    expect(explanation.tags.map((tag) => tag.id)).toEqual(['language-modeling', 'vision']);
    expect(explanation.tags[0]?.evidence).toEqual(['large language model', 'LLM']);
    expect(explanation.dropped).toContainEqual({ id: 'diffusion-models', weight: 2, why: 'over the cap' });
  });

  it('adds the tags a kept tag implies and specialises efficiency by the words around it', () => {
    const explanation = explainTags(
      taxonomy,
      'Fast text-to-image synthesis',
      'Our efficient sampler cuts inference latency; it is efficient at inference.',
    );
    const ids = explanation.tags.map((tag) => tag.id);
    expect(ids).toContain('image-generation');
    expect(ids).toContain('vision');
    expect(ids).toContain('efficient-inference');
    expect(explanation.implied.map((entry) => entry.rule)).toContain('visual-task-is-vision');
    expect(explanation.implied.map((entry) => entry.rule)).toContain('efficiency-at-inference');
  });

  it('defaults to at most 5 tags on the bundled taxonomy', () => {
    const tags = matchTags(
      loadTaxonomy(),
      'Diffusion Transformers for Text-to-Image Generation with Reinforcement Learning and LoRA',
      'We fine-tune large language models with reinforcement learning, LoRA and knowledge distillation for image generation, speculative decoding and retrieval-augmented generation.',
    );
    expect(tags.length).toBe(5);
  });
});
