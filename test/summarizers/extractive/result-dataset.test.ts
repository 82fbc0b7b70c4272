import { describe, expect, it } from 'vitest';
import { extractClaimedResults } from '../../../src/summarizers/extractive/claimed-results.js';

describe('resultDataset', () => {
  it('does not read the hardware a run used as the dataset', () => {
    const [onGpus] = extractClaimedResults(
      'We present Quill, which reaches 3.1x higher throughput on 4 H100 80 GB GPUs.',
    ).results;
    expect(onGpus?.dataset).toBeNull();
    const [onBenchmark] = extractClaimedResults(
      'We present Quill, which reaches 3.1x higher throughput on TaskBench.',
    ).results;
    expect(onBenchmark?.dataset).toBe('TaskBench');
  });
});

function datasetOf(abstract: string, value: string): string | null | undefined {
  return extractClaimedResults(abstract).results.find((result) => result.value === value)?.dataset;
}

describe('resultDataset, read from the structure of the sentence', () => {
  it('name-before-metric: "the FooQA score to 81.5%"', () => {
    expect(
      datasetOf('We propose Zed, pushing the FooQA score to 81.5% and BarNLI accuracy to 70.2%.', '81.5%'),
    ).toBe('FooQA');
    expect(
      datasetOf('We propose Zed, pushing the FooQA score to 81.5% and BarNLI accuracy to 70.2%.', '70.2%'),
    ).toBe('BarNLI');
  });

  it('metric-of-name: "the latency of Big-9B by 3x"', () => {
    expect(datasetOf('We show that Zed reduces the latency of Big-9B by 3x.', '3x')).toBe('Big-9B');
  });

  it('described test beds: "On several hard logic benchmarks", "Experiments on chemistry show"', () => {
    expect(datasetOf('On several hard logic benchmarks, our Zed improves accuracy by 12%.', '12%')).toBe(
      'several hard logic benchmarks',
    );
    expect(datasetOf('Experiments on organic chemistry show that our Zed gives a 2x speedup.', '2x')).toBe(
      'organic chemistry',
    );
  });

  it('opening-setting: "For Big-9B, our Zed achieves ..."', () => {
    expect(datasetOf('For Big-9B, our Zed achieves a 2.5x speedup.', '2.5x')).toBe('Big-9B');
  });

  it('trained-on: the data tuned on is not where a result was measured, unless nothing else is named', () => {
    expect(
      datasetOf(
        'After tuning on the Qux dataset and evaluating via the FooEval benchmark, our Zed is 2x faster.',
        '2x',
      ),
    ).toBe('FooEval benchmark');
    expect(datasetOf('We show that Zed, pre-training on C9, costs 40% less.', '40%')).toBe('C9');
  });

  it('counts are never dataset names ("on 53k")', () => {
    expect(datasetOf('Our Zed improves accuracy by 4.8% on 53k.', '4.8%')).toBeNull();
  });
});
