import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHfApi } from '../../src/sources/hf-api.js';
import { errorsOf, papersOf } from './collect.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/hf-api-daily-papers.json', import.meta.url), 'utf8'),
) as unknown;
const options = { sourceName: 'daily.json' };

describe('readHfApi', () => {
  it('maps every item of the API answer onto a paper', () => {
    const results = readHfApi(fixture, options);
    expect(errorsOf(results)).toEqual([]);
    const papers = papersOf(results);
    expect(papers.map((paper) => paper.id)).toEqual(['2505.09388', '2503.23135', '2507.00994', '2406.04312']);
    const qwen = papers[0]!;
    expect(qwen).toMatchObject({
      title: 'Qwen3 Technical Report',
      authors: [
        'An Yang',
        'Anfeng Li',
        'Baosong Yang',
        'Beichen Zhang',
        'Binyuan Hui',
        'Bo Zheng',
        'Bowen Yu',
        'Chang Gao',
      ],
      authors_count: 8,
      organization: 'Qwen',
      published_at: '2025-05-14',
      upvotes: 10,
      url: 'https://arxiv.org/abs/2505.09388',
      source: 'hf-api',
    });
    // The API's summaries are wrapped with newlines; the paper's abstract is one line.
    expect(qwen.abstract).toMatch(
      /^In this work, we present Qwen3, the latest version of the Qwen model family\. /,
    );
    expect(papers.every((paper) => !paper.abstract.includes('\n'))).toBe(true);
    expect(papers[3]).toMatchObject({ upvotes: 0, authors_count: 5, published_at: '2024-06-06' });
    expect(papers[3]?.organization).toBeUndefined();
  });

  it('names the item and the API field of a bad record, and goes on', () => {
    const good = {
      paper: { id: '2406.04312', title: 'ReNO', summary: 'We optimise noise. It is 2x better.' },
    };
    const results = readHfApi(
      [
        { title: 'no paper' },
        { paper: 'x' },
        { paper: { id: '2501.00001', title: 'T', summary: 5 } },
        { paper: { id: '2501.00002', title: 'T', summary: 'ok', authors: [{ name: 3 }] } },
        { paper: { id: '2501.00003', title: 'T', summary: 'ok', upvotes: '12' } },
        good,
      ],
      options,
    );
    expect(errorsOf(results)).toEqual([
      'daily.json index 0: field "paper": missing',
      'daily.json index 1: field "paper": expected an object, got a string ("x")',
      'daily.json index 2: field "paper.summary": expected string, got a number (5)',
      'daily.json index 3: field "paper.authors[0]": expected string, got a number (3)',
      'daily.json index 4: field "paper.upvotes": expected number, got a string ("12")',
    ]);
    expect(papersOf(results).map((paper) => paper.id)).toEqual(['2406.04312']);
  });
});
