import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { readJsonPapers } from '../../src/sources/json.js';
import { errorsOf, papersOf } from './collect.js';

const abstract = 'We propose X. X improves accuracy by 4.2% on ImageNet.';
const options = { sourceName: 'in.json' };

describe('readJsonPapers', () => {
  it('reads an array of papers, naming items by index', () => {
    const results = readJsonPapers(
      [{ title: 'A', abstract }, 'oops', { title: 'B', summary: abstract }],
      options,
    );
    expect(papersOf(results).map((paper) => [paper.title, paper.source])).toEqual([
      ['A', 'json'],
      ['B', 'json'],
    ]);
    expect(errorsOf(results)).toEqual(['in.json index 1: expected an object, got a string ("oops")']);
    expect(results.map((result) => (result.kind === 'paper' ? result.location : 'error'))).toEqual([
      'index 0',
      'error',
      'index 2',
    ]);
  });

  it('reads { papers: [...] } and a single paper object', () => {
    expect(papersOf(readJsonPapers({ papers: [{ title: 'A', abstract }] }, options))).toHaveLength(1);
    const single = readJsonPapers({ title: 'Only', abstract }, { ...options, source: 'http' });
    expect(single).toEqual([
      { kind: 'paper', location: 'object', paper: expect.objectContaining({ source: 'http' }) },
    ]);
  });

  it('rejects values that hold no papers as a whole', () => {
    expect(() => readJsonPapers(42, options)).toThrow(InvalidInputError);
    expect(() => readJsonPapers(42, options)).toThrow(
      'in.json: expected an array of papers or an object, got a number (42)',
    );
    expect(() => readJsonPapers({ papers: 'none' }, options)).toThrow('in.json: "papers" must be an array');
  });
});
