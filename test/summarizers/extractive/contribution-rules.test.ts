import { describe, expect, it } from 'vitest';
import {
  CONTRIBUTION_RULES,
  contributionRule,
  type ContributionInput,
} from '../../../src/summarizers/extractive/contribution-rules.js';

// One made-up paper per rule: the rule that decides it, in table order.
const CASES: ReadonlyArray<[string, ContributionInput]> = [
  [
    'system-for-a-challenge',
    {
      title: 'The Acme Vision System for the Foo Challenge 2030',
      abstract: 'We describe our entry.',
      methodName: null,
    },
  ],
  [
    'challenge-in-title',
    { title: 'The Foo 2030 Challenge on Denoising', abstract: 'Forty teams took part.', methodName: null },
  ],
  [
    'survey-or-review',
    {
      title: 'Attacks on Chatbots',
      abstract: 'This article analyzes the risks and reviews current defenses.',
      methodName: null,
    },
  ],
  [
    'dataset-built',
    { title: 'Zed', abstract: 'We curate Zed, a large annotated dataset of receipts.', methodName: 'Zed' },
  ],
  ['model-in-title', { title: 'Zed Technical Report', abstract: 'We present Zed.', methodName: 'Zed' }],
  [
    'benchmark-built',
    { title: 'Zed', abstract: 'We build Zed, a benchmark of hard puzzles.', methodName: 'Zed' },
  ],
  [
    'name-is-a-bench',
    {
      title: 'ZedBench: Can Agents Fix Real Bugs?',
      abstract: 'We evaluate agents on 300 real bugs; the best one fixes 4% of them.',
      methodName: 'ZedBench',
    },
  ],
  [
    'models-released',
    { title: 'Zed', abstract: 'We release a family of small chat models.', methodName: null },
  ],
  [
    'models-introduced',
    {
      title: 'Zed',
      abstract: 'We introduce our first planning models, Zed-1 and Zed-2.',
      methodName: 'Zed-1',
    },
  ],
  [
    'sized-variants',
    {
      title: 'Zed',
      abstract: 'We introduce Zed, namely the 1.5B and 7B parameter variants.',
      methodName: 'Zed',
    },
  ],
  [
    'network-named',
    {
      title: 'Zed',
      abstract: 'Combining both ideas gives a strong network denoted as Zed.',
      methodName: 'Zed',
    },
  ],
  [
    'named-neural-network',
    { title: 'Zed', abstract: 'We present Zed, a deep graph neural network.', methodName: 'Zed' },
  ],
  [
    'system-built',
    {
      title: 'Zed',
      abstract: 'Finally, we propose a system named Zed for sorting parcels.',
      methodName: 'Zed',
    },
  ],
  [
    'name-is-a-model',
    { title: 'Zed', abstract: 'Zed, our latest multilingual LLM, is strong.', methodName: 'Zed' },
  ],
  [
    'scaling-laws-title',
    { title: 'Scaling Laws for Tiny Models', abstract: 'We fit laws.', methodName: null },
  ],
  [
    'unnamed-study',
    {
      title: 'Gains under Noise',
      abstract: 'We give a nonasymptotic analysis of how noise affects gains.',
      methodName: null,
    },
  ],
  [
    'proposes-something',
    {
      title: 'Guarding Chatbots',
      abstract: 'This study presents a filter that blocks attacks.',
      methodName: null,
    },
  ],
];

describe('the contribution-type rules table', () => {
  it('names every rule once, with a reason', () => {
    const names = CONTRIBUTION_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of CONTRIBUTION_RULES) expect(rule.reason.length).toBeGreaterThan(20);
  });

  it.each(CASES)('%s decides its made-up paper', (name, input) => {
    expect(contributionRule(input)?.name).toBe(name);
  });

  it('covers every rule with a case', () => {
    expect(CASES.map(([name]) => name).sort()).toEqual(CONTRIBUTION_RULES.map((rule) => rule.name).sort());
  });

  it('leaves a paper that proposes nothing and studies nothing undecided (analysis)', () => {
    expect(
      contributionRule({ title: 'Notes', abstract: 'Models are big.', methodName: null }),
    ).toBeUndefined();
  });
});
