import { describe, expect, it } from 'vitest';
import { findContributionType } from '../../../src/summarizers/extractive/contribution-type.js';

describe('findContributionType', () => {
  it('reads the specific kinds from the title and abstract', () => {
    expect(findContributionType('AIM 2024 Challenge on Photo Quality', 'Participants compete.', null)).toBe(
      'challenge-report',
    );
    expect(
      findContributionType('Evaluation of LMs', 'We provide a comprehensive survey of models.', null),
    ).toBe('survey');
    expect(findContributionType('BASIR: A Dataset for Sectors', 'We introduce BASIR.', 'BASIR')).toBe(
      'dataset',
    );
    expect(findContributionType('Qwen3 Technical Report', 'We present Qwen3.', 'Qwen3')).toBe('model');
    expect(findContributionType('A Pool of Byte-level Language Models', 'We release models.', null)).toBe(
      'model',
    );
    expect(
      findContributionType('A GNN', 'We present DPA3, a multi-layer graph neural network.', 'DPA3'),
    ).toBe('model');
    expect(
      findContributionType(
        'Prover',
        'We introduce TongGeometry, a Euclidean geometry system for olympiads.',
        'TongGeometry',
      ),
    ).toBe('system');
  });

  it('calls an unnamed study an analysis and a named technique a method', () => {
    expect(findContributionType('Scaling Laws for Data Filtering', 'We introduce scaling laws.', null)).toBe(
      'analysis',
    );
    expect(findContributionType('Should We Pretrain Encoders?', 'We find that CLM is efficient.', null)).toBe(
      'analysis',
    );
    expect(
      findContributionType(
        'Pruning Fast',
        'We introduce a pruning method for deep neural networks.',
        'Prune',
      ),
    ).toBe('method');
    expect(
      findContributionType('ReNO: Noise Optimization', 'We propose ReNO, a novel approach.', 'ReNO'),
    ).toBe('method');
  });

  it('reads a name in apposition to a model noun as a model, a named system as a system', () => {
    expect(
      findContributionType(
        'Quill: Small Models',
        'We report on Quill, our latest multi-modal LLM trained with RL.',
        'Quill',
      ),
    ).toBe('model');
    expect(
      findContributionType(
        'A title',
        'We introduce a new language representation model called Quill.',
        'Quill',
      ),
    ).toBe('model');
    expect(
      findContributionType(
        'Quill: Serving',
        'We build Quill, an LLM serving system with paged memory.',
        'Quill',
      ),
    ).toBe('system');
    expect(
      findContributionType('Quill: Sparsity', 'We propose Quill, a system that predicts sparsity.', 'Quill'),
    ).toBe('system');
    expect(
      findContributionType(
        'Quill: Context',
        'We create a new synthetic benchmark Quill with flexible tasks.',
        'Quill',
      ),
    ).toBe('benchmark');
    // A method applied to language models is still a method.
    expect(
      findContributionType(
        'Quill: Pruning',
        'We propose Quill, a pruning method for large language models.',
        'Quill',
      ),
    ).toBe('method');
  });
});
