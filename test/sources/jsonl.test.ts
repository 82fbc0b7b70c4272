import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../src/sources/jsonl.js';
import { errorsOf, papersOf } from './collect.js';

const abstract = 'We propose X. X improves accuracy by 4.2% on ImageNet.';
const line = (record: object) => JSON.stringify(record);

describe('readJsonl', () => {
  it('reads one paper per line, deriving ids and keeping the day of a timestamp', () => {
    const text = [
      line({ id: 'arXiv:2406.04312v2', title: 'ReNO', abstract, published_at: '2024-06-06T17:56:40Z' }),
      '',
      line({ title: 'From a URL', abstract, url: 'https://arxiv.org/abs/2310.02279v3' }),
      line({ title: 'No arXiv id', summary: abstract, upvotes: 4 }),
      line({ id: 'my-own-id', title: 'Own id', abstract, source: 'hf-api' }),
    ].join('\r\n');
    const results = [...readJsonl(text, { sourceName: 'in.jsonl' })];
    expect(errorsOf(results)).toEqual([]);
    expect(results.map((result) => result.kind === 'paper' && result.location)).toEqual([
      'line 1',
      'line 3',
      'line 4',
      'line 5',
    ]);
    const papers = papersOf(results);
    expect(papers[0]).toEqual({
      id: '2406.04312',
      title: 'ReNO',
      abstract,
      published_at: '2024-06-06',
      source: 'jsonl',
    });
    expect(papers[1]?.id).toBe('2310.02279');
    expect(papers[2]).toEqual({
      id: expect.stringMatching(/^t-[0-9a-f]{16}$/),
      title: 'No arXiv id',
      abstract,
      upvotes: 4,
      source: 'jsonl',
    });
    expect(papers[3]).toMatchObject({ id: 'my-own-id', source: 'hf-api' });
  });

  it('decodes each line on its own: bad bytes or broken JSON spoil only their line', () => {
    const encoder = new TextEncoder();
    const bytes = new Uint8Array([
      ...encoder.encode(`\uFEFF${line({ title: 'Première', abstract })}\n`),
      ...encoder.encode('{"title": "Bad bytes: '),
      0xff,
      0xfe,
      ...encoder.encode(`", "abstract": "x"}\n{"title": "cut off",\n${line({ title: 'Last', abstract })}`),
    ]);
    const results = [...readJsonl(bytes, { sourceName: 'in.jsonl' })];
    expect(papersOf(results).map((paper) => paper.title)).toEqual(['Première', 'Last']);
    const errors = errorsOf(results);
    expect(errors[0]).toBe('in.jsonl line 2: not valid UTF-8');
    expect(errors[1]).toMatch(/^in\.jsonl line 3: not valid JSON \(.+\)$/);
    expect(errors).toHaveLength(2);
  });

  it('reads lazily, one line per request, through a 10,000-line backlog', () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => line({ title: `Paper ${index}`, abstract }));
    const iterator = readJsonl(lines.join('\n'), { sourceName: 'big.jsonl' });
    const first = iterator.next();
    expect(first.value).toMatchObject({ kind: 'paper', location: 'line 1', paper: { title: 'Paper 0' } });
    let count = 1;
    for (const result of iterator) if (result.kind === 'paper') count += 1;
    expect(count).toBe(10_000);
  });
});
