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
