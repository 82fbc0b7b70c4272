import { BriefSchema, type Brief, type Provenance } from '../../src/briefs/brief.js';
import { inputHash } from '../../src/papers/paper-id.js';

/** Any top-level field of a Brief, and any single field of its `paper` and `provenance`. */
export interface BriefOverrides extends Partial<Omit<Brief, 'paper' | 'provenance'>> {
  paper?: Partial<Brief['paper']>;
  provenance?: Partial<Provenance>;
}

const ABSTRACT =
  'We propose RouteViT, a sparse mixture-of-experts router for vision transformers. RouteViT ' +
  'obtains 84.8\\% top-1 accuracy on ImageNet, 2.3\\times faster than dense ViT-B. ' +
  'Code is available at https://github.com/example/routevit.';

/**
 * A schema-valid Brief v1 for tests (parsed with BriefSchema, so a bad override fails loudly).
 * The default exercises what a store must keep intact: LaTeX escapes, non-ASCII text, nulls,
 * nested results and warnings.
 */
export function briefFixture(overrides: BriefOverrides = {}): Brief {
  const { paper, provenance, ...content } = overrides;
  const title = paper?.title ?? 'RouteViT: Sparse Expert Routing for Vision Transformers — “fast” and exact';
  return BriefSchema.parse({
    schema_version: '1',
    paper: {
      id: '2406.04312',
      title,
      url: 'https://arxiv.org/abs/2406.04312',
      published_at: '2024-06-06',
      source: 'hf-page',
      ...paper,
    },
    tldr: 'RouteViT routes image tokens to sparse experts and reaches 84.8\\% top-1 accuracy on ImageNet.',
    method_name: 'RouteViT',
    contribution_type: 'method',
    claimed_results: [
      {
        value: '84.8\\%',
        metric: 'top-1 accuracy',
        dataset: 'ImageNet',
        comparison: null,
        evidence: 'RouteViT obtains 84.8\\% top-1 accuracy on ImageNet',
      },
      {
        value: '2.3\\times',
        metric: 'speedup',
        dataset: null,
        comparison: 'dense ViT-B',
        evidence: '2.3\\times faster than dense ViT-B',
      },
    ],
    tags: ['mixture-of-experts', 'vision-transformer'],
    code_url: 'https://github.com/example/routevit',
    ...content,
    provenance: {
      provider: 'extractive',
      model: 'extractive-v1',
      prompt_version: 'v1',
      input_hash: inputHash({ title, abstract: ABSTRACT }),
      created_at: '2026-01-02T03:04:05.678Z',
      usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
      attempts: 1,
      warnings: ['dropped ungrounded result "91%"'],
      ...provenance,
    },
  });
}

/**
 * `count` briefs of distinct papers (`2406.10000`, `2406.10001`, ...), otherwise alike;
 * `overrides(index)` changes any of them.
 */
export function briefFixtures(
  count: number,
  overrides: (index: number) => BriefOverrides = () => ({}),
): Brief[] {
  return Array.from({ length: count }, (_, index) => {
    const extra = overrides(index);
    return briefFixture({ ...extra, paper: { id: `2406.${10_000 + index}`, ...extra.paper } });
  });
}
