import { describe, expect, it } from 'vitest';
import { foldText, ungroundedNumbers } from '../../../src/briefs/source-text.js';
import { cutSentence } from '../../../src/eval/index.js';
import { headlineTldr, trimToWords } from '../../../src/summarizers/extractive/headline-tldr.js';

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const paper = {
  title: 'SIM-CoT: Supervised Implicit Chain-of-Thought',
  abstract:
    'Implicit Chain-of-Thought (CoT) methods present a promising alternative to explicit CoT reasoning, but a ' +
    'persistent performance gap has limited their application. To address this issue, we propose SIM-CoT, a ' +
    'plug-and-play training module that introduces step-level supervision to stabilize the latent reasoning space. ' +
    'The auxiliary decoder is removed during inference. Demonstrating strong scalability, SIM-CoT also surpasses the ' +
    'explicit CoT baseline on GPT-2 by 2.1% with 2.3\\times greater token efficiency, while substantially closing ' +
    'the performance gap on larger models like LLaMA-3.1 8B.',
};

describe('headlineTldr', () => {
  it('names the method and its headline result in 8 to 40 words', () => {
    const tldr = headlineTldr(paper);
    expect(words(tldr)).toBeGreaterThanOrEqual(8);
    expect(words(tldr)).toBeLessThanOrEqual(40);
    expect(tldr).toMatch(/^We propose SIM-CoT, a plug-and-play training module/);
    expect(tldr).toContain('2.1%');
    expect(tldr).not.toContain('\\times');
  });

  it('states only numbers the paper states', () => {
    expect(ungroundedNumbers(headlineTldr(paper), foldText(`${paper.title}\n${paper.abstract}`))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(headlineTldr(paper)).toBe(headlineTldr({ ...paper }));
  });

  it('falls back to the title when the abstract is too short', () => {
    const tldr = headlineTldr({ title: 'A Study of Tiny Abstracts in Practice', abstract: 'We study it.' });
    expect(words(tldr)).toBeGreaterThanOrEqual(8);
    expect(tldr).toContain('A Study of Tiny Abstracts in Practice');
  });

  it('keeps a long introducing sentence under 40 words, cut at a clause boundary', () => {
    const long = `We propose X, ${'a very long and winding description of the method '.repeat(8)}that ends here.`;
    const tldr = headlineTldr({ title: 'X', abstract: long });
    expect(words(tldr)).toBeLessThanOrEqual(40);
    expect(tldr).toMatch(/\.$/);
  });
});

describe('trimToWords', () => {
  it('cuts at the last clause boundary that fits and never ends on a function word', () => {
    expect(trimToWords('One two three four five six, seven eight nine ten eleven', 8)).toBe(
      'One two three four five six.',
    );
    expect(trimToWords('One two three four five six seven eight of the nine', 10)).toBe(
      'One two three four five six seven eight.',
    );
  });
});

describe('whole TL;DRs (the cut rule of ../shared/data/README.md)', () => {
  it('never stops inside a clause: whole sentences, or pieces ending at a comma, bracket or dash', () => {
    const abstract =
      'Long documents are hard. To this end, we propose Nested Memory Routing (NMR), a method that routes ' +
      'tokens through a small memory with learned gates and shared keys across all of the layers of the model ' +
      'and across every head of every layer of the network. Experiments show that NMR improves accuracy by ' +
      '4.2% on LongBench while using fewer parameters than the strongest baseline in all of the settings we tried.';
    const tldr = headlineTldr({ title: 'NMR: Nested Memory Routing', abstract });
    expect(words(tldr)).toBeLessThanOrEqual(40);
    expect(tldr).toContain('4.2%');
    expect(cutSentence(tldr, abstract)).toBeNull();
  });

  it('skips an opener that leans on the sentence before when another sentence introduces the work', () => {
    const abstract =
      'Models forget. This limitation hurts users of deployed assistants every single day. ' +
      'We introduce Recall, a replay buffer that keeps old skills alive during continual training of models.';
    expect(headlineTldr({ title: 'Recall', abstract })).toMatch(/^We introduce Recall/);
  });
});
