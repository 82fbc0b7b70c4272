import { describe, expect, it } from 'vitest';
import { cutSentence } from '../../src/eval/index.js';

const abstract =
  'Extensive user studies show that our model is preferred twice as often and is on par with the proprietary model. We release code.';

describe('cutSentence (the TL;DR cut rule of the shared README)', () => {
  it('finds a sentence that stops two or more words before its abstract sentence ends', () => {
    expect(cutSentence('Our model is preferred twice as often and is on par.', abstract)).toBe(
      'Our model is preferred twice as often and is on par.',
    );
  });

  it('accepts whole sentences, cuts at a comma, and short or foreign sentences', () => {
    expect(
      cutSentence(
        'Our model is preferred twice as often and is on par with the proprietary model.',
        abstract,
      ),
    ).toBeNull();
    expect(
      cutSentence('Adding X, we win big time.', 'Adding X, we win big time, as shown later in the paper.'),
    ).toBeNull();
    expect(cutSentence('We release code.', abstract)).toBeNull();
    expect(cutSentence('Nothing of this is in the abstract at all.', abstract)).toBeNull();
  });

  it('tolerates one trailing word (the abstract must go on for two)', () => {
    expect(
      cutSentence(
        'Studies show that our model is preferred twice as often and is on par with the proprietary.',
        abstract,
      ),
    ).toBeNull();
  });
});
