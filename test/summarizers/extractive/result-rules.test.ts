import { describe, expect, it } from 'vitest';
import { extractClaimedResults } from '../../../src/summarizers/extractive/claimed-results.js';

// Rules generalised from the second held-out page's misses; each on a made-up sentence.
function values(abstract: string): string[] {
  return extractClaimedResults(abstract).results.map((result) => result.value);
}

describe('claimed-result rules for scores, pairs and lists', () => {
  it('takes unit-less scores listed as "N on Benchmark", not numbers inside names', () => {
    expect(
      values(
        'We train Quill with a new recipe. Our model achieves strong scores -- e.g., 61.2 on ChemQA, ' +
          '88.0 on LogicSet 200, 91-st percentile on TopCoder -- matching larger systems.',
      ),
    ).toEqual(['61.2', '88.0', '91-st percentile']);
    expect(values('We present Quill. It achieves 52% on QuizBench and 7.1 and 7.4 on DialogBench.')).toEqual([
      '52%',
      '7.1',
      '7.4',
    ]);
    // A version number before "on" is part of a name.
    expect(values('We fine-tune Llama 3.1 on ChemQA and gain 4.2% accuracy.')).toEqual(['4.2%']);
  });

  it('keeps a metric name with a percentile ("the 99th percentile latency") out', () => {
    expect(values('We present Quill, which cuts the 99th percentile latency by 30%.')).toEqual(['30%']);
  });

  it('takes "respectively" values in brackets after a comparison as the subjects\' numbers', () => {
    expect(
      values(
        'We train two larger variants that improve on the small one: both are more accurate than it ' +
          '(respectively 64% and 70% on QuizBench).',
      ),
    ).toEqual(['64%', '70%']);
    // Without "respectively" the bracket holds the baseline's numbers.
    expect(values('We present Quill, which is as fast as the old model (71% accuracy).')).toEqual([]);
  });

  it('takes both values of a slash pair, not the sizes in a name pair', () => {
    expect(
      values('We present Quill, which brings a 1.5%/2.5% accuracy gain over 60M/120M baselines.'),
    ).toEqual(['1.5%', '2.5%']);
  });

  it('takes each "Dataset (value compared to best Y of Z)" pair of a sentence', () => {
    expect(
      values(
        'We achieve the best results on SetA (12.4 compared to best perplexity of 14.0) and SetB (55.1% ' +
          'compared to best accuracy of 52.0%) datasets.',
      ),
    ).toEqual(['12.4', '55.1%']);
  });

  it('does not cut a comparison at a decimal point', () => {
    const [result] = extractClaimedResults(
      'We present Quill. Our model reaches 71.3% compared to the prior best accuracy of 68.9%.',
    ).results;
    expect(result?.comparison).toBe('prior best accuracy of 68.9%');
  });

  it('emits a value repeated in one sentence once', () => {
    expect(
      values('We present Quill, which speeds up decoding by 4\\times, 4\\times, and 2\\times on two GPUs.'),
    ).toEqual(['4\\times', '2\\times']);
  });
});

describe('claimed-result rules for capacities, durations and beaten levels', () => {
  it('takes a larger batch the method enables, not a larger model', () => {
    expect(
      values('We present Quill, which cuts memory. This saving enables up to 3x larger batch sizes.'),
    ).toEqual(['3x']);
    expect(values('We present Quill. Our model is 3x larger than the baseline and 2x faster.')).toEqual([
      '2x',
    ]);
  });

  it('takes the time an outcome took, not a training setting', () => {
    expect(
      values('We present Quill, which can compress a large model in under 2.5 hours and reach 60% sparsity.'),
    ).toEqual(['2.5 hours', '60%']);
    // With no verb of claiming, the time something took is a circumstance ("collected in 6 months").
    expect(values('We collect our corpus in 6 months from 40 sites.')).toEqual([]);
    expect(values('We train Quill for 3 days and reach 81.2% accuracy.')).toEqual(['81.2%']);
  });

  it('leaves out the level of what was beaten and a whole dataset used by the baseline', () => {
    expect(
      values(
        'We present Quill. Quill reaches 61% on CodeSet, outperforming the previous state-of-the-art of 52%.',
      ),
    ).toEqual(['61%']);
    expect(values('We present Quill, which outperforms the baseline by a margin of 4%.')).toEqual(['4%']);
    expect(
      values(
        'We present Quill, which matches finetuning using only 40% of the dataset, whereas finetuning needs ' +
          '100% of the dataset.',
      ),
    ).toEqual(['40%']);
  });
});

describe('claimed-result rules for examples of the problem and configurations', () => {
  it('leaves out an example that illustrates the problem, not one about the method', () => {
    expect(
      values(
        'We present Quill. Long inputs are expensive to train on. For example, doubling the input needs 4x ' +
          'more compute. Quill cuts this cost by 40%.',
      ),
    ).toEqual(['40%']);
    expect(
      values(
        'We present Quill, a planner. Quill is efficient. For instance, it achieves a 12% accuracy gain on CodeSet.',
      ),
    ).toEqual(['12%']);
  });

  it('leaves out the configuration a claim is about ("X with N% Y improves")', () => {
    expect(values('Our planner with 30% cached states improves the throughput by up to 5x.')).toEqual(['5x']);
    // A comparative after the value is an outcome itself.
    expect(values('Our planner with 30% fewer parameters matches the baseline.')).toEqual(['30%']);
  });
});
