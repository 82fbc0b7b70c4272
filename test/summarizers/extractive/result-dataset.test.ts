import { describe, expect, it } from 'vitest';
import { extractClaimedResults } from '../../../src/summarizers/extractive/claimed-results.js';

describe('resultDataset', () => {
  it('reads hardware only as the setting of an efficiency figure, and only when nothing else is named', () => {
    const [onGpus] = extractClaimedResults(
      'We present Quill, which reaches 3.1x higher throughput on 4 H100 80 GB GPUs.',
    ).results;
    expect(onGpus?.dataset).toBe('4 H100');
    const [onBenchmark] = extractClaimedResults(
      'We present Quill, which reaches 3.1x higher throughput on TaskBench on 4 H100 GPUs.',
    ).results;
    expect(onBenchmark?.dataset).toBe('TaskBench');
    const [accuracy] = extractClaimedResults(
      'We present Quill, which reaches 81.2% accuracy after training on 4 H100 GPUs.',
    ).results;
    expect(accuracy?.dataset).toBeNull();
  });

  it('reads settings described in words, bracketed names and the data a result was measured on', () => {
    expect(datasetOf('Quill reaches 81.2% accuracy on the validation set.', '81.2%')).toBe('validation set');
    expect(
      datasetOf('Quill improves NDCG@10 by 0.88% in the traditional evaluation protocol.', '0.88%'),
    ).toBe('traditional evaluation protocol');
    expect(datasetOf('Quill beats the baseline by up to 27% (MATH and AIME24).', '27%')).toBe(
      'MATH and AIME24',
    );
    expect(
      datasetOf('Quill reaches 100 tokens per second (TPS) on average.', '100 tokens per second'),
    ).toBeNull();
    expect(datasetOf('Experiments using all labeled data of Librispeech achieve 1.8 WER.', '1.8')).toBe(
      'Librispeech',
    );
    expect(datasetOf('On the CIFAR10 dataset, we obtain an Inception score of 9.46.', '9.46')).toBe(
      'CIFAR10',
    );
    expect(datasetOf('For task SH1, Quill achieves 4.17 mean score in MOS test.', '4.17')).toBe('SH1');
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
