import { describe, expect, it } from 'vitest';
import { findMethodName, looksLikeName } from '../../../src/summarizers/extractive/method-name.js';

describe('findMethodName', () => {
  it('takes a name-like title prefix ("Name: subtitle", "Name Technical Report")', () => {
    expect(
      findMethodName('LSNet: See Large, Focus Small', 'Vision networks are costly. We study them.'),
    ).toBe('LSNet');
    expect(
      findMethodName('Qwen3 Technical Report', 'In this work, we present Qwen3, the latest model.'),
    ).toBe('Qwen3');
  });

  it('prefers the abbreviation the abstract defines for what "we propose"', () => {
    expect(
      findMethodName(
        'Consistency Trajectory Models: Learning Probability Flow ODE Trajectory of Diffusion',
        'Models are slow. To address this, we propose Consistency Trajectory Model (CTM), a generalization. CTM trains one network.',
      ),
    ).toBe('CTM');
    expect(
      findMethodName('A title', 'We propose an iterative programmatic planning (IPP) framework for grids.'),
    ).toBe('IPP');
  });

  it('reads "dubbed/called X", appositions and lower-case names in apposition', () => {
    expect(
      findMethodName(
        'A title',
        'We propose a routing strategy for vision transformers, dubbed DiT. DiT is fast.',
      ),
    ).toBe('DiT');
    expect(
      findMethodName('A title', 'We find that our training-free approach, F2C, outperforms sampling.'),
    ).toBe('F2C');
    expect(
      findMethodName('A title', 'We propose budget guidance, a simple yet effective method for steering.'),
    ).toBe('budget guidance');
  });

  it("skips other people's abbreviations (possessive, or a technique the method builds on)", () => {
    expect(
      findMethodName(
        'Structural Self-Supervised Objectives for Transformers',
        "We introduce three objectives to BERT's Masked Language Modeling (MLM), namely Random Token Substitution (RTS).",
      ),
    ).toBe('RTS');
    expect(
      findMethodName('A title', 'We propose a method based on Low-Rank Adaptation (LoRA) for speed.'),
    ).toBeNull();
  });

  it('credits a name and the abbreviation after it together, and skips "our proposed" descriptions', () => {
    expect(
      findMethodName(
        'SpeedUpNet: A Plug-and-Play Hyper-Network',
        'We propose a universal Stable-Diffusion (SD) acceleration module called SpeedUpNet(SUN). SUN plugs into SD models. SD models are slow. SUN helps SD.',
      ),
    ).toBe('SpeedUpNet');
    expect(
      findMethodName(
        'Structured Prediction',
        'We evaluate our proposed system on optical character recognition (OCR).',
      ),
    ).toBeNull();
    expect(findMethodName('On Convnets', 'Our ConvFirst model ran four times as fast as ConvNeXt.')).toBe(
      'ConvFirst',
    );
  });

  it('returns null when the paper names nothing (a catchy title prefix is not a name)', () => {
    expect(
      findMethodName(
        'Stretching Each Dollar: Diffusion Training from Scratch on a Micro-Budget',
        'We propose to randomly mask patches. We propose a deferred masking strategy that preprocesses patches.',
      ),
    ).toBeNull();
    expect(
      findMethodName('Balancing the Budget: Trade-offs', 'We study how to allocate a budget.'),
    ).toBeNull();
  });

  it('accepts a plain title prefix when the abstract uses it', () => {
    expect(
      findMethodName(
        'Fire Together Wire Together: A Dynamic Pruning Approach',
        'Inspired by "neurons that fire together wire together", we propose to predict a mask.',
      ),
    ).toBe('Fire Together Wire Together');
  });

  it('drops a leading article and generic acronyms, and needs three words for a lower-case title phrase', () => {
    expect(
      findMethodName(
        'The Greedy Miser: Learning under Budgets',
        'We propose an algorithm, the Greedy Miser, that is cheap.',
      ),
    ).toBe('Greedy Miser');
    expect(findMethodName('A title', 'We present an approach for deep neural networks (DNNs).')).toBeNull();
    expect(
      findMethodName(
        'Budgeted Training: Rethinking Training',
        'We introduce a formal framework for budgeted training.',
      ),
    ).toBeNull();
  });

  it('reads names after "which we call", quoted, listed after a colon, and trained models in apposition', () => {
    expect(
      findMethodName(
        'A title',
        'We propose methods, which we call proximal policy optimization (PPO), for RL.',
      ),
    ).toBe('PPO');
    expect(
      findMethodName('A title', 'We explore a simple method called chain of thought prompting, which helps.'),
    ).toBe('chain of thought prompting');
    expect(findMethodName('A title', 'We call the resulting models InstructGPT.')).toBe('InstructGPT');
    expect(findMethodName('A title', 'We introduce "deep compression", a three stage pipeline.')).toBe(
      'deep compression',
    );
    expect(
      findMethodName('A title', 'We verify it by introducing two benchmarks: MT-bench, a question set.'),
    ).toBe('MT-bench');
    expect(
      findMethodName(
        'A title',
        'We propose a new network architecture, the Transformer, based on attention.',
      ),
    ).toBe('Transformer');
    expect(findMethodName('A title', 'We train GPT-3, an autoregressive language model.')).toBe('GPT-3');
  });

  it('treats a long title prefix as a phrase even with a digit in it', () => {
    expect(
      findMethodName('An Image is Worth 16x16 Words: Transformers at Scale', 'We apply transformers.'),
    ).toBeNull();
  });

  it('recognises name-like spellings', () => {
    expect(['ReNO', 'F2C', 'SIM-CoT', 'Plan-and-Budget', 'REX'].every(looksLikeName)).toBe(true);
    expect(['Stretching Each Dollar', 'Return of the Encoder'].some(looksLikeName)).toBe(false);
  });
});
