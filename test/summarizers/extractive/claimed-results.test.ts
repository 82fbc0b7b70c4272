import { describe, expect, it } from 'vitest';
import { extractClaimedResults } from '../../../src/summarizers/extractive/claimed-results.js';

function values(abstract: string): string[] {
  return extractClaimedResults(abstract).results.map((result) => result.value);
}

describe('extractClaimedResults', () => {
  it('takes outcome numbers of the authors and quotes their sentence as evidence', () => {
    const abstract =
      'Video models are slow. We propose F2C, a clip selector. Experiments show that F2C outperforms uniform ' +
      'sampling up to 8.1%, 5.6%, and 10.3% on Video-MME, LongVideoBench and MLVU benchmarks, respectively.';
    const { results } = extractClaimedResults(abstract);
    expect(results.map((result) => result.value)).toEqual(['8.1%', '5.6%', '10.3%']);
    expect(results[0]?.evidence).toBe(
      'Experiments show that F2C outperforms uniform sampling up to 8.1%, 5.6%, and 10.3% on Video-MME, ' +
        'LongVideoBench and MLVU benchmarks, respectively.',
    );
    expect(results.map((result) => result.dataset)).toEqual(['Video-MME', 'LongVideoBench', 'MLVU']);
    expect(results[0]?.comparison).toBe('uniform sampling');
  });

  it('reads metric, dataset and comparison from the clause', () => {
    const [result] = extractClaimedResults(
      'We present DiT. The DiT-B5 obtains 84.8\\% top-1 Acc on ImageNet with 10.3 GFLOPs.',
    ).results;
    expect(result).toMatchObject({ value: '84.8\\%', metric: 'top-1 Acc', dataset: 'ImageNet' });
    const [reduction] = extractClaimedResults(
      'HBPO reduces average token usage by up to 60.6% on AIME.',
    ).results;
    expect(reduction).toMatchObject({ value: '60.6%', metric: 'average token usage', dataset: 'AIME' });
    const [cheaper] = extractClaimedResults(
      'Our model has 118\\times lower cost than stable diffusion models.',
    ).results;
    expect(cheaper).toMatchObject({ metric: 'lower cost', comparison: 'stable diffusion models' });
  });

  it("ignores background sentences: other people's numbers before the authors speak", () => {
    expect(
      values(
        'The LAION dataset retained only 10% of the crawled data and improved models. We show that ours is 2x faster.',
      ),
    ).toEqual(['2x']);
  });

  it('counts sentences naming the method as own work, and third-person abstracts as own throughout', () => {
    const abstract =
      'X-Net is a new method for fast inference. X-Net achieves a 50% improvement on Z. We release code.';
    expect(extractClaimedResults(abstract, 'X-Net').results.map((result) => result.value)).toEqual(['50%']);
    expect(
      values(
        'Fast inference matters. The method prunes heads. It achieves a 50% improvement on Z. We release code.',
      ),
    ).toEqual(['50%']);
  });

  it('keeps an outcome clause after "we propose to ..."', () => {
    expect(values('We propose to mask 75% of the patches, which improves speed by 2x.')).toEqual(['2x']);
  });

  it('ignores settings: what the method is set to do, "at N", "set to N", shares of the input', () => {
    expect(
      values('We propose to randomly mask up to 75% of the image patches, which improves speed.'),
    ).toEqual([]);
    expect(
      values('We find that pruning at 25% of training and concluding at 75% achieves the best loss.'),
    ).toEqual([]);
    expect(values('We set the masking ratio to 75% and achieve better results.')).toEqual([]);
    expect(values('We show that removing 30% of the attention heads improves accuracy.')).toEqual([]);
    expect(
      values('With only 10% of the training samples, our model outperforms full-data training.'),
    ).toEqual(['10%']);
  });

  it('ignores baseline numbers after "than"/"vs." and the start of "from A to B", but not hedges', () => {
    expect(values('Ours costs 14\\times less than the previous approach that costs 28,400.')).toEqual([
      '14\\times',
    ]);
    expect(values('Our code costs \\0.08 per task vs. 0.002 per instance, and is reused.')).toEqual(['0.08']);
    expect(values('Our method improves accuracy from 71.2% to 78.9% on GSM8K.')).toEqual(['78.9%']);
    expect(values('Our model achieves more than 90% accuracy.')).toEqual(['90%']);
  });

  it('reads scores stated after a verb of attaining, and n-point gains', () => {
    expect(values('Our model reaches 85.3 on MMLU and scores 9.1 on MT-Bench.')).toEqual(['85.3', '9.1']);
    expect(values('Our method achieves 45.3% on SWE-bench, a 12.1-point improvement.')).toEqual([
      '45.3%',
      '12.1-point',
    ]);
    expect(values('Our method improves accuracy to 85.2% (up from 80.1%).')).toEqual(['85.2%']);
    expect(values('With a thinking budget of 8K tokens, our approach improves accuracy by 5%.')).toEqual([
      '5%',
    ]);
  });

  it("ignores a baseline's numbers in brackets and example settings, keeps latencies achieved", () => {
    expect(
      values(
        'Our model achieves 79.2% top-1 accuracy with only 1.6 ms inference latency, which runs as fast as MobileNetV2 (1.6 ms, 74.7% top-1).',
      ),
    ).toEqual(['79.2%', '1.6 ms']);
    expect(
      values(
        'Our method remains stable even at extreme sparsity (e.g., 95%), yielding up to 3.98 inference speedup.',
      ),
    ).toEqual(['3.98']);
  });

  it('reads "by half" and the level a reduction reaches', () => {
    expect(values('For OCR our method cuts the feature acquisition time by half.')).toEqual(['half']);
    expect(values('Our module reduces the number of inference steps to just 4 steps.')).toEqual(['4']);
  });

  it('reads new levels of a change and memory saved, not memory sizes', () => {
    expect(values('Our method improves accuracy from 60.2 to 71.5 on MMLU.')).toEqual(['71.5']);
    expect(values('Our method reduces memory by 40 GB and runs a model of 16GB weights.')).toEqual(['40 GB']);
  });

  it('keeps multipliers stated "at" a lower cost, but not hardware counts', () => {
    expect(values('Our model matches GPT-4 at 3x lower cost.')).toEqual(['3x']);
    expect(values('Our model trains on 8x A100 GPUs and achieves a 2x speedup.')).toEqual(['2x']);
  });

  it('reads scores "to" a level, gains stated as "better", compute sustained and GPU-hour costs', () => {
    expect(values('Our model pushes the SQuAD Test F1 to 93.2 and improves results.')).toEqual(['93.2']);
    expect(values('Our method yields higher quality models (0.7 better perplexity on GPT-2).')).toEqual([
      '0.7',
    ]);
    expect(values('We train 100B models, achieving throughput of 15 Petaflops.')).toEqual(['15 Petaflops']);
    expect(values('Our model requires only 2.788M H800 GPU hours for training.')).toEqual(['2.788M']);
    expect(values('We pre-train on 53k hours of unlabeled data and improve WER.')).toEqual([]);
    expect(values('Fast YOLO processes 155 frames per second while achieving double the mAP.')).toEqual([
      '155 frames per second',
      'double',
    ]);
  });

  it('treats "deeper", "more data" and "more than any" multipliers as sizes, and dashes as punctuation', () => {
    expect(
      values('We evaluate nets with 152 layers---8x deeper than VGG nets, and improve accuracy.'),
    ).toEqual([]);
    expect(
      values('Our model uses 4x more data and 10x more than any previous model, and improves by 7%.'),
    ).toEqual(['7%']);
  });

  it('reads a baseline after a colon-led list, and "greater than a 7% improvement" as a hedge', () => {
    expect(values('Our method trains faster than existing baselines: 15% speedup on BERT.')).toEqual(['15%']);
    expect(values('Our model reaches 67.5% accuracy, greater than a 7% improvement over Gopher.')).toEqual([
      '67.5%',
      '7%',
    ]);
  });

  it('needs a claim cue in the sentence', () => {
    expect(values('We train our model with 8% dropout and a 2x wider layer.')).toEqual([]);
    expect(values('At 50% sparsity, our pruned model retains 95% accuracy.')).toEqual(['95%']);
    expect(values('We train our best model to 92.1% accuracy on ImageNet with a 2x wider layer.')).toEqual([
      '92.1%',
    ]);
  });

  it('takes counts in billions only after a verb of finding or saving, never sizes', () => {
    expect(
      values(
        'Our system discovers 6.7 billion theorems, including 4.1 billion symmetric ones. We train on 20 trillion tokens and achieve gains with 1 billion parameters.',
      ),
    ).toEqual(['6.7 billion', '4.1 billion']);
  });

  it('ignores numbers inside names, URLs and model sizes', () => {
    expect(
      values(
        'We improve GPT-2 and LLaMA-3.1 8B on MATH-500 and CIFAR-10 by 2.1%. Code: https://github.com/a/b-2x-10',
      ),
    ).toEqual(['2.1%']);
  });

  it('does not describe a size as a result', () => {
    expect(values('We release corpora that are 4 times larger than the original and show gains.')).toEqual(
      [],
    );
  });
});
