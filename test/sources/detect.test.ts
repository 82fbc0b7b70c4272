import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { detectFormat } from '../../src/sources/detect.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');
const DEV_PAGE = fileURLToPath(new URL('../../../shared/data/hf-daily-papers-page.txt', import.meta.url));
const paper = { title: 'A', abstract: 'B.' };

describe('detectFormat', () => {
  it('tells each bundled input apart', () => {
    expect(detectFormat(read('../../examples/papers.jsonl'), 'x')).toBe('jsonl');
    expect(detectFormat(read('../fixtures/hf-api-daily-papers.json'), 'x')).toBe('hf-api');
    expect(detectFormat(read('../fixtures/arxiv-atom.xml'), 'x')).toBe('arxiv-atom');
  });

  it.skipIf(!existsSync(DEV_PAGE))(`reads the dev page as hf-page (needs ${DEV_PAGE})`, () => {
    expect(detectFormat(readFileSync(DEV_PAGE, 'utf8'), 'x')).toBe('hf-page');
  });

  it('tells JSON from JSON Lines, even when the first line is broken', () => {
    expect(detectFormat(JSON.stringify([paper, paper], null, 2), 'x')).toBe('json');
    expect(detectFormat(`\uFEFF  ${JSON.stringify({ papers: [paper] })}\n`, 'x')).toBe('json');
    expect(detectFormat(JSON.stringify(paper, null, 2), 'x')).toBe('json');
    expect(detectFormat(`${JSON.stringify(paper)}\n${JSON.stringify(paper)}\n`, 'x')).toBe('jsonl');
    expect(detectFormat(`${JSON.stringify(paper)}\n`, 'x')).toBe('jsonl');
    expect(detectFormat(`{"title": "cut\n${JSON.stringify(paper)}\n`, 'x')).toBe('jsonl');
    expect(detectFormat(JSON.stringify({ paper: { title: 'A', summary: 'B.' } }), 'x')).toBe('hf-api');
  });

  it('tells a Daily Papers page without its header', () => {
    expect(detectFormat('A Title\n\nAn abstract.\n\n  • 3 authors\n·\nJun 6, 2024\n', 'x')).toBe('hf-page');
  });

  it.each([
    ['', 'x: is empty'],
    ['  \n\n ', 'x: is empty'],
    ['\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'x: is binary, not text'],
    ['<!DOCTYPE html><html><body>papers</body></html>', 'x: is XML or HTML but not an Atom feed'],
    ['[{"title": "A",', 'x: is not valid JSON'],
    ['{\n  "title": "A",\n', 'x: is not valid JSON'],
    ['title,abstract\nA,B\n', 'x: cannot tell its format'],
  ])('rejects %j as a whole', (text, message) => {
    expect(() => detectFormat(text, 'x')).toThrow(InvalidInputError);
    expect(() => detectFormat(text, 'x')).toThrow(message);
  });

  it('refuses prose in paragraphs (a README) instead of reading it as a Daily Papers page', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(() => detectFormat(readme, 'README.md')).toThrow(
      /README\.md: cannot tell its format: none of JSON Lines \(jsonl\).*\(hf-page\)/,
    );
    expect(() => detectFormat('# Notes\n\nSome words.\n\nMore words.\n', 'notes.md')).toThrow(/cannot tell/);
    // A page without its header is still known by a paper's metadata block.
    expect(detectFormat('A Title\n\nAn abstract.\n\nmicrosoft Microsoft\n·\nJun 17, 2021 7\n', 'x')).toBe(
      'hf-page',
    );
  });
});
