import { describe, expect, it } from 'vitest';
import { BriefContentSchema } from '../../../src/briefs/brief.js';
import { groundContent } from '../../../src/briefs/grounding.js';
import { loadTaxonomy, tagIds } from '../../../src/briefs/taxonomy.js';
import type { Paper } from '../../../src/papers/paper.js';
import {
  EXTRACTIVE_RULES_VERSION,
  createExtractiveSummarizer,
} from '../../../src/summarizers/extractive/index.js';

const taxonomy = loadTaxonomy();
const allowedTags = tagIds(taxonomy);
const context = { taxonomy, allowedTags };

const papers: Paper[] = [
  {
    id: 't-1',
    source: 'jsonl',
    title: 'ProxyAttn: Guided Sparse Attention via Representative Heads',
    abstract:
      'The quadratic complexity of attention limits large language models on long texts. In this work, we propose ' +
      'ProxyAttn, a training-free sparse attention algorithm that estimates block importance from representative ' +
      'heads. Experiments with models of 8B parameters on LongBench confirm it. More precisely, ProxyAttn can achieve ' +
      'up to 10.3x attention acceleration and 2.4x prefilling acceleration without significant performance loss. ' +
      'Our code is available at https://github.com/wyxstriker/ProxyAttn.',
  },
  {
    id: 't-2',
    source: 'jsonl',
    title: 'Stretching Each Dollar: Diffusion Training from Scratch on a Micro-Budget',
    abstract:
      'Scaling concentrates text-to-image diffusion models among a few actors. We propose to randomly mask up to ' +
      '75% of the image patches during training. Using only 37M images, we train a 1.16 billion parameter sparse ' +
      'transformer with only \\1,890 economical cost and achieve a 12.7 FID in zero-shot generation on the COCO ' +
      'dataset. Notably, our model incurs 118\\times lower cost than stable diffusion models and 14\\times lower cost ' +
      'than the current state-of-the-art approach that costs 28,400.',
  },
  {
    id: 't-3',
    source: 'jsonl',
    title: 'Should We Still Pretrain Encoders with Masked Language Modeling?',
    abstract:
      'We train 30 models ranging from 210 million to 1 billion parameters and run over 15,000 fine-tuning runs. ' +
      'We find that a biphasic strategy is best under a fixed budget.',
  },
];

describe('createExtractiveSummarizer', () => {
  const summarizer = createExtractiveSummarizer();

  it('identifies itself and costs nothing', async () => {
    expect(summarizer.provider).toBe('extractive');
    expect(summarizer.model).toBe('extractive-v1');
    expect(summarizer.promptVersion).toBe(EXTRACTIVE_RULES_VERSION);
    expect(createExtractiveSummarizer({ model: 'rules-x' }).model).toBe('rules-x');
    const output = await summarizer.summarize(papers[0] as Paper, context);
    expect(output.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 });
    expect(output.attempts).toBe(1);
    expect(output.warnings).toEqual([]);
  });

  it('fills every field from the title and abstract', async () => {
    const { content } = await summarizer.summarize(papers[0] as Paper, context);
    expect(content.method_name).toBe('ProxyAttn');
    expect(content.code_url).toBe('https://github.com/wyxstriker/ProxyAttn');
    expect(content.contribution_type).toBe('method');
    expect(content.claimed_results.map((result) => result.value)).toEqual(['10.3x', '2.4x']);
    expect(content.claimed_results[0]).toMatchObject({
      metric: 'attention acceleration',
      evidence:
        'More precisely, ProxyAttn can achieve up to 10.3x attention acceleration and 2.4x prefilling acceleration without significant performance loss.',
    });
    expect(content.tags).toContain('attention');
    expect(content.tags.every((tag) => allowedTags.has(tag))).toBe(true);
    expect(content.tldr).toContain('ProxyAttn');
    expect(content.tldr).toContain('10.3x');
  });

  it('leaves out settings, sizes and baseline numbers, and names nothing when nothing is named', async () => {
    const cheap = await summarizer.summarize(papers[1] as Paper, context);
    expect(cheap.content.claimed_results.map((result) => result.value)).toEqual([
      '1,890',
      '12.7',
      '118\\times',
      '14\\times',
    ]);
    expect(cheap.content.method_name).toBeNull();
    const study = await summarizer.summarize(papers[2] as Paper, context);
    expect(study.content.claimed_results).toEqual([]);
    expect(study.content.contribution_type).toBe('analysis');
    expect(study.content.code_url).toBeNull();
  });

  it('produces schema-valid content that grounding leaves unchanged', async () => {
    for (const paper of papers) {
      const { content } = await summarizer.summarize(paper, context);
      expect(BriefContentSchema.safeParse(content).success).toBe(true);
      const grounded = groundContent(content, paper, allowedTags);
      expect(grounded.issues).toEqual([]);
      expect(grounded.tldrUngrounded).toBe(false);
      expect(grounded.content).toEqual(content);
    }
  });

  it('keeps the spelling of a short or lower-case method name through grounding', async () => {
    const paper: Paper = {
      id: 't-4',
      source: 'jsonl',
      title: 'Towards Greater Leverage: Scaling Laws for Efficient Mixture-of-Experts Language Models',
      abstract:
        'To address this gap, we introduce Efficiency Leverage (EL), a metric. EL follows power laws.',
    };
    const { content } = await summarizer.summarize(paper, context);
    expect(content.method_name).toBe('EL');
    expect(groundContent(content, paper, allowedTags).content.method_name).toBe('EL');
    const lower = { ...content, method_name: 'budget guidance' };
    const guided = {
      ...paper,
      title: 'Steering with Budget Guidance',
      abstract: 'We propose budget guidance, a method.',
    };
    expect(groundContent(lower, guided, allowedTags).content.method_name).toBe('budget guidance');
  });

  it('is deterministic', async () => {
    for (const paper of papers) {
      const first = await summarizer.summarize(paper, context);
      const second = await createExtractiveSummarizer().summarize({ ...paper }, context);
      expect(second).toEqual(first);
    }
  });

  it('briefs papers quickly (no quadratic work)', async () => {
    const many = Array.from({ length: 300 }, (_, index) => papers[index % papers.length] as Paper);
    const started = performance.now();
    for (const paper of many) await summarizer.summarize(paper, context);
    // A generous bound (50 papers per second) for loaded CI machines; it catches accidental
    // quadratic work. Measured at 1,000–3,700 papers per second on the dev page.
    expect(performance.now() - started).toBeLessThan(6_000);
  });
});

describe('the tag cap (PAPERBRIEF_MAX_TAGS)', () => {
  it('keeps at most maxTags tags and puts another cap into the store key', async () => {
    const taxonomy = loadTaxonomy();
    const paper = {
      id: '2401.00001',
      title: 'Diffusion Transformers for Text-to-Image Generation with Reinforcement Learning and LoRA',
      abstract:
        'We fine-tune large language models with reinforcement learning, LoRA and knowledge distillation for image generation, speculative decoding and retrieval-augmented generation.',
      source: 'jsonl',
    } as unknown as Paper;
    const context = { taxonomy, allowedTags: tagIds(taxonomy) };
    const capped = createExtractiveSummarizer({ maxTags: 2 });
    expect((await capped.summarize(paper, context)).content.tags).toHaveLength(2);
    expect(capped.promptVersion).toBe(`${EXTRACTIVE_RULES_VERSION}+tags2`);
    const byDefault = createExtractiveSummarizer();
    expect((await byDefault.summarize(paper, context)).content.tags).toHaveLength(5);
    expect(byDefault.promptVersion).toBe(EXTRACTIVE_RULES_VERSION);
  });
});
