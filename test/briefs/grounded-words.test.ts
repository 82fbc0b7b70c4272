import { describe, expect, it } from 'vitest';
import { ungroundedPhraseWords, ungroundedTldrTerms, wordSource } from '../../src/briefs/grounded-words.js';
import { foldText } from '../../src/briefs/source-text.js';

const source = wordSource(
  foldText(
    'RouteViT: Sparse Expert Routing for Vision Transformers\n' +
      'We propose RouteViT, a sparse mixture-of-experts router for vision transformers. It obtains ' +
      '84.8\\% top-1 acc. on ImageNet-1K and the LRA benchmarks, 2.3\\times faster than dense ViT-B/16 ' +
      'and prior queries. Code: https://github.com/example/routevit.',
  ),
);

describe('ungroundedPhraseWords (metric, dataset, comparison)', () => {
  it('accepts phrases whose content words are all in the source', () => {
    for (const phrase of [
      'top-1 acc.',
      'top-1 accuracy', // the paper abbreviates accuracy as `acc.`
      'top 1 acc',
      'ImageNet',
      'ImageNet-1K',
      'LRA benchmark', // singular of the paper's plural
      'the LRA benchmarks',
      'dense ViT-B/16',
      'prior query', // `queries` in the paper
      'vs. dense ViT-B',
      "RouteViT's router",
    ]) {
      expect(ungroundedPhraseWords(phrase, source), phrase).toEqual([]);
    }
  });

  it('names every content word the source does not have', () => {
    expect(ungroundedPhraseWords('MegaBench-9000 score', source)).toEqual(['megabench', 'score']);
    expect(ungroundedPhraseWords('top-5 accuracy on ImageNet', source)).toEqual([]); // numbers: not this check
    expect(ungroundedPhraseWords('previous SOTA methods', source)).toEqual(['previous', 'sota', 'methods']);
    expect(ungroundedPhraseWords('routers', source)).toEqual([]);
    expect(ungroundedPhraseWords('route', source)).toEqual(['route']); // not a word of the source
    expect(ungroundedPhraseWords('precision', source)).toEqual(['precision']);
  });
});

describe('ungroundedTldrTerms', () => {
  it('lets ordinary English through and checks names, acronyms and URLs', () => {
    expect(
      ungroundedTldrTerms(
        'Introduces RouteViT, a sparse router for ViT-B/16 that runs faster on ImageNet-1K; ' +
          'code at https://github.com/example/routevit.',
        source,
      ),
    ).toEqual([]);
    expect(ungroundedTldrTerms('This paper shows that Transformers can route sparsely.', source)).toEqual([]);
  });

  it('names invented names, acronyms, camel case, URLs and capitalised sentence openers', () => {
    expect(
      ungroundedTldrTerms(
        'HyperNova beats RouteViT on MegaBench-9000 with SOTA results; see https://evil.example/x. ' +
          'Falcon agrees, and the ViT-H model too.',
        source,
      ),
    ).toEqual(['HyperNova', 'MegaBench-9000', 'SOTA', 'https://evil.example/x', 'Falcon', 'ViT-H']);
  });

  it('a URL must be the source URL whole, not a prefix of it', () => {
    expect(ungroundedTldrTerms('Code at https://github.com/example.', source)).toEqual([
      'https://github.com/example',
    ]);
    expect(ungroundedTldrTerms('Code at github.com/example/routevit.', source)).toEqual([]);
    expect(ungroundedTldrTerms('Code at github.com/example/route.', source)).toEqual([
      'github.com/example/route',
    ]);
  });
});
