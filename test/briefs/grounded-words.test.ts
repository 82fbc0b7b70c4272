import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ungroundedPhraseWords, ungroundedTldrTerms, wordSource } from '../../src/briefs/grounded-words.js';
import { groundingSource } from '../../src/briefs/grounding.js';
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
    expect(ungroundedPhraseWords('routed queries', source)).toEqual([]); // inflections of `routing`, `queries`
    expect(ungroundedPhraseWords('dense baseline', source)).toEqual(['baseline']);
    expect(ungroundedPhraseWords('accuracy improvement', source)).toEqual([]); // a measure word
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

const DATA = new URL('../../../shared/data/', import.meta.url);
const HAS_GOLD = existsSync(new URL('gold-dev.json', DATA)) && existsSync(new URL('papers-dev.json', DATA));

describe.skipIf(!HAS_GOLD)('ungroundedPhraseWords on the gold annotations (../shared/data)', () => {
  it("accepts at least 90% of the annotators' own metric, dataset and comparison phrases", () => {
    type GoldResult = Record<'metric' | 'dataset' | 'comparison', string | string[] | null>;
    const gold = JSON.parse(readFileSync(new URL('gold-dev.json', DATA), 'utf8')) as Array<{
      title: string;
      results: GoldResult[];
    }>;
    const papers = JSON.parse(readFileSync(new URL('papers-dev.json', DATA), 'utf8')) as Array<{
      title: string;
      abstract: string;
    }>;
    let phrases = 0;
    const rejected: string[] = [];
    for (const annotated of gold) {
      const paper = papers.find((candidate) => candidate.title === annotated.title);
      if (!paper) continue;
      const { words } = groundingSource(paper);
      for (const result of annotated.results) {
        for (const field of ['metric', 'dataset', 'comparison'] as const) {
          for (const phrase of [result[field] ?? []].flat()) {
            phrases++;
            const missing = ungroundedPhraseWords(phrase, words);
            if (missing.length > 0) rejected.push(`${phrase}: ${missing.join(', ')}`);
          }
        }
      }
    }
    // Annotators paraphrase ("compute needed to reach", "wall-clock time"): those words are not
    // the paper's, and a model writing them gets the phrase nulled. 12 of 177 when measured.
    expect(phrases).toBeGreaterThan(150);
    expect(rejected.length / phrases).toBeLessThanOrEqual(0.1);
  });
});

/** TL;DRs written the way a model writes them, for dev papers (title first words → TL;DR). */
const MODEL_STYLE_TLDRS: Record<string, string> = {
  'ReNO:':
    'ReNO optimizes the initial noise of one-step Text-to-Image models with human preference rewards, ' +
    'beating open-source T2I models and matching Stable Diffusion 3 in user studies.',
  'FlexPrefill:':
    'Introduces FlexPrefill, a context-aware sparse attention mechanism that adapts attention patterns ' +
    'per input and head to speed up long-sequence LLM inference.',
  'Consistency Trajectory Models:':
    'CTM generalizes Consistency Models and score-based diffusion, learning the Probability Flow ODE ' +
    'trajectory in a single network for fast, high-quality sampling.',
  'SIM-CoT:':
    'SIM-CoT adds step-level supervision to implicit Chain-of-Thought, stabilizing training and ' +
    'closing the gap with explicit CoT reasoning in LLMs.',
  'Prefix Grouper:':
    'Prefix Grouper makes GRPO training efficient by encoding shared prefixes once through a ' +
    'Shared-Prefix Forward strategy.',
  'Efficient Controllable Multi-Task':
    'This paper proposes a multi-task model with slimmable encoder and decoder widths so users can ' +
    'adjust compute budget and task importance after deployment.',
};

describe.skipIf(!HAS_GOLD)('ungroundedTldrTerms on TL;DRs written like a model writes them', () => {
  it('finds nothing to object to in six model-style TL;DRs of dev papers', () => {
    const papers = JSON.parse(readFileSync(new URL('papers-dev.json', DATA), 'utf8')) as Array<{
      title: string;
      abstract: string;
    }>;
    for (const [start, tldr] of Object.entries(MODEL_STYLE_TLDRS)) {
      const paper = papers.find((candidate) => candidate.title.startsWith(start));
      expect(paper, start).toBeDefined();
      expect(ungroundedTldrTerms(tldr, groundingSource(paper!).words), start).toEqual([]);
    }
  });
});
