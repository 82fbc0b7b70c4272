import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../../src/summarizers/extractive/quantities.js';
import type { QuantityKind } from '../../../src/summarizers/extractive/quantity.js';

function kinds(text: string): Array<[string, QuantityKind]> {
  return findQuantities(text).map((quantity) => [quantity.value, quantity.kind]);
}

function taken(text: string): string[] {
  return findQuantities(text)
    .filter((quantity) => quantity.kind !== 'excluded')
    .map((quantity) => quantity.value);
}

describe('findQuantities', () => {
  it('reads percentages, signs, spaced percent signs, LaTeX escapes and points', () => {
    expect(taken('boosting Coconut by +8.2% and CODI by +3.0%, a 50 % gain, 84.8\\% top-1')).toEqual([
      '+8.2%',
      '+3.0%',
      '50 %',
      '84.8\\%',
    ]);
    expect(
      taken('outperforms the baselines by 5.6%-points and 2-4 points, up to 6 average performance points'),
    ).toEqual(['5.6%-points', '2-4 points', '6 average performance points']);
  });

  it('reads multipliers written as x, \\times, ×, times and fold', () => {
    expect(taken('a 2-4x speedup, 2.3\\times greater, 4.2× faster, 3.3times on GLUE, a 3-fold gain')).toEqual(
      ['2-4x', '2.3\\times', '4.2×', '3.3times', '3-fold'],
    );
  });

  it('keeps a stated range as one value, but not "from A to B"', () => {
    expect(taken('accuracy (+0.9\\% to +6.6\\%) and gains from 10\\% to as much as 10x')).toEqual([
      '+0.9\\% to +6.6\\%',
      '10\\%',
      '10x',
    ]);
    expect(taken('ranging from 10\\% to as much as 10x')).toEqual(['10\\% to as much as 10x']);
  });

  it('reads money with a dollar sign, one lost in copying, or a K budget', () => {
    expect(kinds('at a cost of \\$0.70 per million tokens')).toContainEqual(['\\$0.70', 'currency']);
    expect(kinds('with only \\1,890 economical cost')).toContainEqual(['1,890', 'currency']);
    expect(kinds('trained on a 100K budget')).toContainEqual(['100K', 'currency']);
    expect(kinds('trained with a budget of 100K, it')).toContainEqual(['100K', 'currency']);
  });

  it('reads scores next to a metric name and bare amounts after "by"', () => {
    expect(kinds('on CIFAR-10 (FID 1.73)')).toContainEqual(['1.73', 'score']);
    expect(kinds('achieve a 12.7 FID and 0.605 F1-score').filter(([, kind]) => kind !== 'excluded')).toEqual([
      ['12.7', 'score'],
      ['0.605', 'score'],
    ]);
    expect(findQuantities('0.605 F1-score')[0]?.metric).toBe('F1-score');
    expect(kinds('improves ROUGE-L by 2.1 on arXiv')).toContainEqual(['2.1', 'score']);
  });

  it('reads a decimal given as the value of a metric acronym, not the baseline in its bracket', () => {
    const text = 'outperforms SAT with a DSC of 75.44 (vs. 69.83), and DSC TP of 65.46 (vs. 46.97)';
    expect(kinds(text).filter(([, kind]) => kind !== 'excluded')).toEqual([
      ['75.44', 'score'],
      ['65.46', 'score'],
    ]);
    expect(findQuantities('with a DSC of 75.44')[0]?.metric).toBe('DSC');
    expect(kinds('the year of 2024 and GPT of 4')).not.toContainEqual(['4', 'score']);
  });

  it('excludes numbers inside names, model and data sizes, thresholds, resolutions and durations', () => {
    const text =
      'GPT-4o, CIFAR-10, MATH-500 and LLaMA-3.1 8B with 1.3B parameters, 37M images, 0.31TB, (<10%), ' +
      '64x64 resolution, E^3, Qwen2.5, 10.3 GFLOPs, 50G MACs, K=3, for 30 days, 2D embeddings';
    expect(taken(text)).toEqual([]);
    expect(findQuantities('(<10%)')[0]?.reason).toBe('threshold');
    expect(findQuantities('GPT-4o')[0]?.reason).toBe('part of a name');
  });

  it('reads LaTeX commands that lost their backslash as hedges, not names', () => {
    expect(taken('saving sim4.4 million TPUv4 hours')).toEqual(['4.4 million']);
  });

  it('reads word multipliers only in comparative phrases', () => {
    expect(taken('preferred nearly twice as often and at half its budget')).toEqual(['twice', 'half']);
    expect(taken('Our contribution is two-fold: first')).toEqual([]);
    expect(taken('the first half of training')).toEqual([]);
  });

  it('reads a range written with a dash as one value, and compute per second whole', () => {
    expect(taken('a 2X-3X acceleration and a 1.5%-2.0% gain')).toEqual(['2X-3X', '1.5%-2.0%']);
    expect(kinds('it achieves 225 TFLOPs/s')).toEqual([['225 TFLOPs/s', 'rate']]);
  });
});
