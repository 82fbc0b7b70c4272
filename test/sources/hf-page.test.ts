import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import type { Paper } from '../../src/papers/paper.js';
import { inferPageYear, readHfPage, type HfPageOptions } from '../../src/sources/hf-page.js';
import { errorsOf, papersOf } from './collect.js';

// The shared dev page lives beside the project (../shared/data from the project root).
const DEV_PAGE = fileURLToPath(new URL('../../../shared/data/hf-daily-papers-page.txt', import.meta.url));
const DEV_GOLD = fileURLToPath(new URL('../../../shared/data/gold-dev.json', import.meta.url));
const haveDevPage = existsSync(DEV_PAGE) && existsSync(DEV_GOLD);

function read(text: string, options: Partial<HfPageOptions> = {}) {
  return readHfPage(text, { sourceName: 'page.txt', pageYear: 2025, ...options });
}

describe.skipIf(!haveDevPage)(`readHfPage on the whole dev page (needs ${DEV_PAGE})`, () => {
  const text = haveDevPage ? readFileSync(DEV_PAGE, 'utf8') : '';
  const gold = haveDevPage ? (JSON.parse(readFileSync(DEV_GOLD, 'utf8')) as Array<{ title: string }>) : [];
  // Read as on the day after the page was copied: the newest printed year is 2024, so yearless
  // dates are 2025 even though the clock says 2026.
  // Read only when the page is there: skipIf still runs this body to collect the tests.
  const results = haveDevPage
    ? read(text, { pageYear: undefined, now: () => new Date('2026-11-30T00:00:00Z') })
    : [];
  const papers = papersOf(results);
  const byTitle = (prefix: string): Paper => {
    const paper = papers.find((candidate) => candidate.title.startsWith(prefix));
    if (!paper) throw new Error(`no paper titled ${prefix}…`);
    return paper;
  };

  it('reads all 62 papers, in page order, without errors', () => {
    expect(errorsOf(results)).toEqual([]);
    expect(papers.map((paper) => paper.title)).toEqual(gold.map((paper) => paper.title));
    expect(new Set(papers.map((paper) => paper.id)).size).toBe(62);
    for (const paper of papers) {
      expect(paper.source).toBe('hf-page');
      expect(paper.id).toMatch(/^t-[0-9a-f]{16}$/);
      expect(paper.abstract.length).toBeGreaterThan(500);
      // No header or metadata text leaks into a paper.
      expect(`${paper.title} ${paper.abstract}`).not.toMatch(/·|• \d+ authors|Subscribe/);
    }
  });

  it('takes each abstract whole, LaTeX escapes and URLs included', () => {
    const reno = byTitle('ReNO:');
    expect(reno.abstract).toMatch(/^Text-to-Image \(T2I\) models have made significant advancements/);
    expect(reno.abstract).toContain('https://github.com/ExplainableML/ReNO');
    expect(byTitle('Balancing the Budget').abstract).toMatch(
      /significant portion of the total costs of model development\.$/,
    );
    expect(papers.some((paper) => paper.abstract.includes('\\%'))).toBe(true);
  });

  it('reads author counts, organisations, dates and upvotes from the metadata blocks', () => {
    const pick = (paper: Paper) => ({
      authors_count: paper.authors_count,
      organization: paper.organization,
      published_at: paper.published_at,
      upvotes: paper.upvotes,
    });
    const none = {
      authors_count: undefined,
      organization: undefined,
      published_at: undefined,
      upvotes: undefined,
    };
    expect(pick(byTitle('ReNO:'))).toEqual({ ...none, authors_count: 5, published_at: '2024-06-06' });
    expect(pick(byTitle('From Frames to Clips'))).toEqual({
      ...none,
      organization: 'Amazon',
      published_at: '2025-10-02',
    });
    expect(pick(byTitle('SIM-CoT'))).toEqual(none);
    expect(pick(byTitle('Prefix Grouper'))).toEqual(none);
    expect(pick(byTitle('LongCat-Flash'))).toEqual({
      ...none,
      authors_count: 182,
      published_at: '2025-09-01',
    });
    expect(pick(byTitle('MonoByte'))).toEqual({
      ...none,
      authors_count: 4,
      published_at: '2022-09-22',
      upvotes: 1,
    });
    expect(pick(byTitle('Population Based Training'))).toEqual({
      ...none,
      authors_count: 12,
      published_at: '2017-11-27',
    });
    expect(pick(byTitle('Should We Still Pretrain'))).toEqual({
      ...none,
      authors_count: 8,
      published_at: '2025-07-01',
      upvotes: 9,
    });
    expect(pick(byTitle('Qwen3 Technical Report'))).toEqual({
      ...none,
      organization: 'Qwen',
      published_at: '2025-05-14',
      upvotes: 10,
    });
    expect(pick(byTitle('Balancing the Budget'))).toEqual({
      ...none,
      authors_count: 3,
      published_at: '2025-02-16',
    });
    expect(papers.filter((paper) => paper.published_at === undefined)).toHaveLength(62 - 57);
  });

  it('gives yearless dates the page year it is told', () => {
    const papersOf2024 = papersOf(read(text, { pageYear: 2024 }));
    expect(papersOf2024.find((paper) => paper.title.startsWith('Qwen3'))?.published_at).toBe('2024-05-14');
    expect(papersOf2024.find((paper) => paper.title.startsWith('ReNO:'))?.published_at).toBe('2024-06-06');
  });
});

describe('inferPageYear', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it('is the year after the newest printed year', () => {
    expect(inferPageYear([2017, 2024, 2023], now)).toBe(2025);
  });
  it('is never after the current year', () => {
    expect(inferPageYear([2026], now)).toBe(2026);
  });
  it('is the current year when the page prints no year', () => {
    expect(inferPageYear([], now)).toBe(2026);
  });
});

// A title without an abstract and an impossible date are in the malformed corpus (malformed.test.ts).
describe('readHfPage on small pages', () => {
  const abstract = 'We study a thing. It works 12% better than the baseline.';

  it('reads a page without the browser header, with CRLF line ends and an "AI at Meta" organisation', () => {
    const text = ['A Title', '', abstract, '', 'facebook AI at Meta', '·', 'Mar 3 7', ''].join('\r\n');
    expect(papersOf(read(text))).toEqual([
      {
        id: expect.stringMatching(/^t-/),
        title: 'A Title',
        abstract,
        organization: 'AI at Meta',
        published_at: '2025-03-03',
        upvotes: 7,
        source: 'hf-page',
      },
    ]);
  });

  it('reports a trailing title without an abstract', () => {
    const results = read(['Title', '', abstract, '', 'Dangling Title', ''].join('\n'));
    expect(errorsOf(results)).toEqual(['page.txt paper 2 (line 5): field "abstract": missing']);
  });

  it('reports a metadata block with no paper before it', () => {
    const text = ['  • 2 authors', '·', 'Jan 5', '', 'Title', '', abstract].join('\n');
    const results = read(text);
    expect(errorsOf(results)).toEqual([
      'page.txt line 1: a metadata block (author count or organisation, "·", date) with no title and abstract before it',
    ]);
    expect(papersOf(results)).toHaveLength(1);
  });

  it('rejects a page with no papers as a whole', () => {
    expect(() => read('')).toThrow(InvalidInputError);
    expect(() => read('new\n\nSubscribe\n\nDaily Papers\n\nNov 6\n')).toThrow(/page\.txt: no papers found/);
  });
});
