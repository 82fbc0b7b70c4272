import { describe, expect, it } from 'vitest';
import type { Brief, ClaimedResult } from '../../src/briefs/brief.js';
import { formatScoreTable, missedFloors, parseGold, scoreBriefs, type Gold } from '../../src/eval/index.js';
import { InvalidInputError } from '../../src/errors.js';

const abstract =
  'We propose DiT. The DiT-B5 obtains 84.8\\% top-1 Acc on ImageNet, 1.0\\% higher than SoTA, with 10.3 GFLOPs.';

function result(value: string, overrides: Partial<ClaimedResult> = {}): ClaimedResult {
  return {
    value,
    metric: null,
    dataset: null,
    comparison: null,
    evidence: 'The DiT-B5 obtains 84.8\\% top-1 Acc on ImageNet, 1.0\\% higher than SoTA, with 10.3 GFLOPs.',
    ...overrides,
  };
}

function brief(title: string, overrides: Partial<Brief> = {}): Brief {
  return {
    schema_version: '1',
    paper: { id: 'x', title, url: null, published_at: null, source: 'jsonl' },
    tldr: 'We propose DiT, which obtains 84.8% top-1 accuracy on ImageNet.',
    method_name: 'DiT',
    contribution_type: 'method',
    claimed_results: [],
    tags: [],
    code_url: null,
    provenance: {
      provider: 'extractive',
      model: 'm',
      prompt_version: 'p',
      input_hash: '0'.repeat(64),
      created_at: new Date(0).toISOString(),
      usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
      attempts: 1,
      warnings: [],
    },
    ...overrides,
  };
}

const gold: Gold = parseGold(
  JSON.stringify([
    {
      title: 'DiT: Efficient Vision Transformers',
      method_name: 'DiT',
      method_name_alternatives: ['Dynamic Vision Transformer'],
      code_url: null,
      contribution_type: 'method',
      results: [
        {
          value: '84.8\\%',
          metric: 'top-1',
          dataset: 'ImageNet',
          comparison: null,
          quote: 'obtains 84.8\\%',
          required: true,
        },
        {
          value: '1.0\\%',
          metric: 'gain',
          dataset: 'ImageNet 1k',
          comparison: null,
          quote: '1.0\\% higher',
          required: true,
        },
        {
          value: '10.3',
          metric: 'GFLOPs',
          dataset: null,
          comparison: null,
          quote: '10.3 GFLOPs',
          required: false,
        },
      ],
    },
    {
      title: 'A Study Without a Name',
      method_name: null,
      method_name_alternatives: [],
      code_url: 'https://github.com/a/b',
      contribution_type: 'analysis',
      results: [{ value: '2x', metric: null, dataset: null, comparison: null, quote: '2x', required: true }],
    },
  ]),
);
const papers = [
  { title: 'DiT: Efficient Vision Transformers', abstract },
  { title: 'A Study Without a Name', abstract: 'We find a 2x gap. Code: https://github.com/a/b' },
];

describe('scoreBriefs', () => {
  it('counts required gold matched for recall and any gold match for precision', () => {
    const report = scoreBriefs({
      briefs: [
        brief('DiT: Efficient Vision Transformers', {
          claimed_results: [
            result('84.8\\%', { dataset: 'imagenet' }),
            result('10.3'),
            result('4', { evidence: 'DiT-B5' }),
          ],
        }),
      ],
      gold,
      papers,
    });
    // 84.8 matched; 1.0 missed; the other paper's 2x missed (no brief).
    expect(report.resultsRecall).toEqual({ correct: 1, total: 3, rate: 1 / 3 });
    // 84.8 and the optional 10.3 are correct; "4" matches nothing.
    expect(report.resultsPrecision).toEqual({ correct: 2, total: 3, rate: 2 / 3 });
    expect(report.missingBriefs).toEqual(['A Study Without a Name']);
    expect(report.details[0]?.requiredMissed).toEqual(['1.0\\%']);
  });

  it('scores dataset attribution as the shared scorer: matched results whose gold names a dataset, one name containing the other', () => {
    const report = scoreBriefs({
      briefs: [
        brief('DiT: Efficient Vision Transformers', {
          claimed_results: [
            result('84.8\\%', { dataset: 'ImageNet' }),
            result('1.0\\%', { dataset: 'ImageNet' }),
            result('10.3', { dataset: 'COCO' }),
          ],
        }),
      ],
      gold,
      papers,
    });
    // 10.3's gold result names no dataset: not scored. 'ImageNet' is inside 'ImageNet 1k'.
    expect(report.datasetAttribution).toEqual({ correct: 2, total: 2, rate: 1 });
    const missing = scoreBriefs({
      briefs: [
        brief('DiT: Efficient Vision Transformers', {
          claimed_results: [result('84.8\\%', { dataset: null }), result('1.0\\%', { dataset: 'CIFAR' })],
        }),
      ],
      gold,
      papers,
    });
    expect(missing.datasetAttribution).toEqual({ correct: 0, total: 2, rate: 0 });
  });

  it('scores method names ignoring case, with alternatives, and both-null; code URLs exactly', () => {
    const report = scoreBriefs({
      briefs: [
        brief('DiT: Efficient Vision Transformers', {
          method_name: 'dynamic vision TRANSFORMER',
          code_url: 'https://x.org',
        }),
        brief('A Study Without a Name', { method_name: null, code_url: 'https://github.com/a/b' }),
      ],
      gold,
      papers,
    });
    expect(report.methodName).toEqual({ correct: 2, total: 2, rate: 1 });
    expect(report.codeUrl).toEqual({ correct: 1, total: 2, rate: 0.5 });
    const wrongName = scoreBriefs({
      briefs: [brief('A Study Without a Name', { method_name: 'Study' })],
      gold,
      papers,
    });
    expect(wrongName.details[1]?.methodName.correct).toBe(false);
  });

  it('checks grounding literally: NFKC and white space only, no LaTeX or case folding', () => {
    const report = scoreBriefs({
      briefs: [
        brief('DiT: Efficient Vision Transformers', {
          claimed_results: [
            result('84.8\\%'),
            result('84.8%', { evidence: 'The DiT-B5 obtains 84.8% top-1 Acc' }),
            result('1.0\\%', { evidence: 'the dit-b5   obtains' }),
            result('10.3', { evidence: 'The   DiT-B5\nobtains' }),
          ],
        }),
      ],
      gold,
      papers,
    });
    expect(report.details[0]?.predictions.map((prediction) => prediction.grounded)).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(report.groundedRate).toEqual({ correct: 2, total: 4, rate: 0.5 });
  });

  it('joins by title ignoring case and white space, and lists briefs the gold does not have', () => {
    const report = scoreBriefs({
      briefs: [brief('dit:  EFFICIENT vision transformers'), brief('Some Other Paper')],
      gold,
      papers,
    });
    expect(report.briefedPapers).toBe(1);
    expect(report.unscoredBriefs).toEqual(['Some Other Paper']);
  });

  it('formats a table with every figure and its floor, and names missed floors', () => {
    const report = scoreBriefs({
      briefs: [brief('A Study Without a Name', { method_name: null })],
      gold,
      papers,
    });
    const table = formatScoreTable(report, { details: true });
    for (const label of [
      'results recall',
      'results precision',
      'dataset attribution',
      'method name',
      'code URL',
      'grounded rate',
    ]) {
      expect(table).toContain(label);
    }
    expect(table).toMatch(/results recall\s+0\.000\s+0\/3\s+>= 0\.90\s+NO/);
    expect(table).toMatch(/grounded rate\s+n\/a/);
    expect(table).toContain('- DiT: Efficient Vision Transformers: no brief');
    expect(table).toMatch(/TL;DR cut\s+0\.000\s+0\/2\s+<= 0\.05\s+yes/);
    expect(missedFloors(report)).toEqual([
      'results recall',
      'method name',
      'code URL',
      'TL;DR 8-40 words',
      'contribution type',
    ]);
  });
});

describe('parseGold', () => {
  it('names the source and the field of a bad gold file', () => {
    expect(() => parseGold('{', 'gold.json')).toThrow(InvalidInputError);
    expect(() => parseGold('[{"title": "x"}]', 'gold.json')).toThrow(/gold\.json: \[0\.method_name\]/);
  });
});
