import { describe, expect, it } from 'vitest';
import { firstNumber, valueMatches, valueNumbers } from '../../src/eval/value-numbers.js';

// The same reading as ../shared/tools/score_briefs.py (numbers() and value_nums()).
describe('valueMatches (the first predicted number is one of the gold numbers)', () => {
  it('matches the same percentage, with or without a LaTeX escape or a space', () => {
    expect(valueMatches('8.1%', '8.1%')).toBe(true);
    expect(valueMatches('84.8%', '84.8\\%')).toBe(true);
    expect(valueMatches('50%', '50 %')).toBe(true);
    expect(valueMatches('8.1%', '8.2%')).toBe(false);
  });

  it('matches multipliers whatever the sign: 2.3x ~ 2.3\\times ~ 2.3×', () => {
    expect(valueMatches('2.3x', '2.3\\times')).toBe(true);
    expect(valueMatches('2.3×', '2.3x')).toBe(true);
    expect(valueMatches('3.3times', '3.3x')).toBe(true);
  });

  it('matches one bound of a gold range: 15 ~ 15-20%', () => {
    expect(valueMatches('15', '15-20%')).toBe(true);
    expect(valueMatches('20%', '15-20%')).toBe(true);
    expect(valueMatches('+0.9\\% to +6.6\\%', '+0.9\\% to +6.6\\%')).toBe(true);
    expect(valueMatches('17%', '15-20%')).toBe(false);
  });

  it('uses only the first predicted number', () => {
    expect(valueMatches('71.2% to 78.9%', '78.9%')).toBe(false);
    expect(valueMatches('10\\% to as much as 10x', '10x')).toBe(true);
  });

  it('reads twice/half/ten times as 2/0.5/10 only when the value has no digits', () => {
    expect(valueMatches('twice', '2x')).toBe(true);
    expect(valueMatches('nearly twice', 'twice')).toBe(true);
    expect(valueMatches('half', '0.5')).toBe(true);
    expect(valueMatches('ten times', '10x')).toBe(true);
    expect(valueMatches('2x', 'twice as fast')).toBe(true);
    // The scorer knows no other words: "three-fold" states no number it can read.
    expect(valueMatches('three-fold', '3x')).toBe(false);
  });

  it('ignores signs and thousands separators, and never matches a value without a number', () => {
    expect(valueMatches('-39%', '39%')).toBe(true);
    expect(valueMatches('1,890', '1890')).toBe(true);
    expect(valueMatches('1.0\\%', '1%')).toBe(true);
    expect(valueMatches('a lot', 'a lot')).toBe(false);
  });
});

describe('valueNumbers / firstNumber', () => {
  it('lists numbers in order of appearance, a leading dot read as the scorer reads it', () => {
    expect(valueNumbers('sim4.4 million')).toEqual([4.4]);
    expect(valueNumbers('10\\% to as much as 10x')).toEqual([10, 10]);
    expect(valueNumbers('.5 points')).toEqual([5]);
    expect(firstNumber('half its budget')).toBe(0.5);
    expect(firstNumber('none')).toBeUndefined();
  });
});
