import { describe, expect, it } from 'vitest';
import { findCodeUrl, trimUrl } from '../../../src/summarizers/extractive/code-url.js';

describe('findCodeUrl', () => {
  it('returns the URL exactly as written, sentence punctuation trimmed', () => {
    expect(findCodeUrl('Code is available at https://github.com/ExplainableML/ReNO.')).toBe(
      'https://github.com/ExplainableML/ReNO',
    );
    expect(findCodeUrl('Project webpage is available at https://guangyusun.com/f2c .')).toBe(
      'https://guangyusun.com/f2c',
    );
    expect(findCodeUrl('Our code is available at anonymous.4open.science/r/P-and-B-6513/.')).toBe(
      'anonymous.4open.science/r/P-and-B-6513/',
    );
    expect(findCodeUrl('See (https://example.org/a_b).')).toBe('https://example.org/a_b');
  });

  it('prefers a code host over other links', () => {
    expect(
      findCodeUrl(
        'Chat: https://longcat.ai Hugging Face: https://hf.co/meituan GitHub: https://github.com/meituan-longcat',
      ),
    ).toBe('https://github.com/meituan-longcat');
  });

  it('is null without a URL (e.g., "e.g." and version numbers are not links)', () => {
    expect(findCodeUrl('We use models, e.g. GPT-4, under CC-BY-4.0 and Apache 2.0.')).toBeNull();
  });

  it('trims only unbalanced closing brackets', () => {
    expect(trimUrl('https://en.wikipedia.org/wiki/A_(b)')).toBe('https://en.wikipedia.org/wiki/A_(b)');
    expect(trimUrl('https://x.org/a),')).toBe('https://x.org/a');
  });
});
