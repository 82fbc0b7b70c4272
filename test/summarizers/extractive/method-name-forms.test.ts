import { describe, expect, it } from 'vitest';
import { findMethodName } from '../../../src/summarizers/extractive/method-name.js';

// Name forms generalised from the second held-out page's misses; each on a made-up sentence.
describe('findMethodName: more ways a name is introduced', () => {
  it('takes a lower-case name set off by a dash', () => {
    expect(
      findMethodName(
        'Faster Parsing',
        'Parsing is slow. We introduce lookahead chunking - an algorithm to parse in parallel.',
      ),
    ).toBe('lookahead chunking');
  });

  it('keeps small joining words inside a capitalised expansion', () => {
    expect(
      findMethodName(
        'Brief Reasoning',
        'Models ramble. We propose Tree of Notes (ToN), a paradigm for terse steps. ToN is fast.',
      ),
    ).toBe('ToN');
  });

  it('continues a capitalised name with lower-case words up to its apposition', () => {
    expect(
      findMethodName(
        'A title',
        'Labels are costly. We introduce Teaching by-example, a new mechanism for small models.',
      ),
    ).toBe('Teaching by-example');
    // Words that end a name ("models") are not part of it.
    expect(findMethodName('A title', 'We introduce Nova models, a family of small networks.')).toBe('Nova');
    expect(findMethodName('A title', 'We release Nova checkpoints, a family of open networks.')).toBe('Nova');
  });

  it('takes the name after "namely" (with its version tag) over the description before it', () => {
    expect(
      findMethodName(
        'A title',
        'In this work, we introduce a sparse MoE variant, namely FlowNet v2.5, in which experts are shared.',
      ),
    ).toBe('FlowNet v2.5');
    // "namely" before ordinary terms lists them; it names nothing.
    expect(
      findMethodName(
        'A title',
        'In this survey, we focus on three aspects, namely pre-training, tuning, and evaluation.',
      ),
    ).toBeNull();
  });

  it('reads a plural title prefix as the family of the singular name the abstract uses', () => {
    expect(
      findMethodName(
        'Orbit Engines: Scaling Sparse Models',
        'Sparse models are unstable. We address this with the Orbit Engine.',
      ),
    ).toBe('Orbit Engine');
  });

  it('takes a defined abbreviation that is the subject of an outcome when nothing else names the method', () => {
    expect(
      findMethodName(
        'A Picture Is Worth a Thousand Tokens: Image Recognition',
        'Transformers are used for text. Applied to images, Patch Mixer (PaM) attains excellent results.',
      ),
    ).toBe('PaM');
  });
});
