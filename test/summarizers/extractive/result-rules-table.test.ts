import { describe, expect, it } from 'vitest';
import { findQuantities } from '../../../src/summarizers/extractive/quantities.js';
import { RESULT_RULES, rejection } from '../../../src/summarizers/extractive/result-rules.js';

// One made-up sentence per rule of the table: the value's verdict is that rule's name.
const CASES: ReadonlyArray<[string, string, string]> = [
  ['setting ("at N")', 'Pruning at 25% of training keeps accuracy high.', '25%'],
  ['hardware count ("8x A100")', 'We train on 8x A100 for a week and improve.', '8x'],
  ['an example setting ("e.g., N")', 'Masking a share, e.g., 40% of the tokens, speeds training.', '40%'],
  ['setting ("set to N")', 'With the ratio set to 75% the model improves.', '75%'],
  ['starting value ("from N")', 'Accuracy improves from 61.0% to 68.2%.', '61.0%'],
  ['baseline number (after "than"/"vs.")', 'Ours reaches 80% accuracy vs. 71% for the old one.', '71%'],
  [
    'baseline number (the level beaten)',
    'Ours wins, outperforming the previous best of 43% on QuizBench.',
    '43%',
  ],
  [
    'baseline number (in brackets after the baseline)',
    'Ours is as fast as OldNet (81.5% accuracy) yet smaller.',
    '81.5%',
  ],
  ['share of the input (a setting)', 'Removing 50% of the weights keeps the score.', '50%'],
  ['setting ("with N% X achieves")', 'Quill with 20% sparse heads improves throughput by 2x.', '20%'],
  ['size comparison', 'Our model is 4x larger and improves accuracy.', '4x'],
  ['model or data size', 'We reach top accuracy with 1.3 billion parameters.', '1.3 billion'],
  ['count', 'The web holds 2 billion pages and we improve search on it.', '2 billion'],
];

function verdict(sentence: string, value: string): string | undefined {
  const quantity = findQuantities(sentence).find((found) => found.value === value);
  expect(quantity, `no quantity ${value} in "${sentence}"`).toBeDefined();
  return quantity === undefined ? 'missing' : rejection(sentence, quantity, []);
}

describe('the result rules table', () => {
  it('names every rule once, each with a reason', () => {
    const names = RESULT_RULES.map((rule) => rule.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RESULT_RULES) expect(rule.reason.length).toBeGreaterThan(20);
  });

  it.each(CASES)('%s rejects its made-up number', (name, sentence, value) => {
    expect(verdict(sentence, value)).toBe(name);
  });

  it('covers every rule with a case', () => {
    expect(CASES.map(([name]) => name).sort()).toEqual(RESULT_RULES.map((rule) => rule.name).sort());
  });

  it('lets an outcome through', () => {
    expect(verdict('Our method improves accuracy by 4.2% on QuizBench.', '4.2%')).toBeUndefined();
  });
});
