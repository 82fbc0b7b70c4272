import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGold, valueNumbers, type GoldPaper } from '../../src/eval/index.js';
import { readHfPage } from '../../src/sources/hf-page.js';

// The held-out pages and their gold, checked for consistency on their own (no summarizer): a gold
// that does not fit its page would make every figure measured on it (holdout.test.ts) meaningless.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function readFixture(folder: string) {
  const pagePath = join(fixtures, folder, 'page.txt');
  const goldPath = join(fixtures, folder, 'gold.json');
  const page = readFileSync(pagePath, 'utf8');
  const results = readHfPage(page, { sourceName: pagePath });
  const papers = results.flatMap((result) => (result.kind === 'paper' ? [result.paper] : []));
  return { page, results, papers, gold: parseGold(readFileSync(goldPath, 'utf8'), goldPath) };
}

/** What is wrong with one gold entry against its abstract; empty when it fits. */
function entryProblems(entry: GoldPaper, abstract: string): string[] {
  const problems = entry.results.flatMap((result) => [
    ...(abstract.includes(result.quote) ? [] : [`quote not in abstract: ${result.quote}`]),
    ...(result.quote.includes(result.value) ? [] : [`value not in its quote: ${result.value}`]),
    // A required value with no number the scorer reads could never be recalled.
    ...(result.required && valueNumbers(result.value).length === 0
      ? [`unreadable value: ${result.value}`]
      : []),
  ]);
  if (entry.code_url !== null && !abstract.includes(entry.code_url)) {
    problems.push(`code URL not in abstract: ${entry.code_url}`);
  }
  return problems.map((problem) => `${entry.title}: ${problem}`);
}

describe.each(['holdout', 'holdout-2'])('the held-out page fixture %s and its gold', (folder) => {
  const { results, papers, gold } = readFixture(folder);

  it('reads as 30–40 papers in the dev page format, one gold entry per paper in page order', () => {
    expect(results.filter((result) => result.kind !== 'paper')).toEqual([]);
    expect(papers.length).toBeGreaterThanOrEqual(30);
    expect(papers.length).toBeLessThanOrEqual(40);
    expect(papers.map((paper) => paper.title)).toEqual(gold.map((entry) => entry.title));
  });

  it('quotes every gold result and code URL verbatim from its abstract, with readable required values', () => {
    const problems = gold.flatMap((entry, index) => entryProblems(entry, papers[index]?.abstract ?? ''));
    expect(problems).toEqual([]);
  });
});

describe('the second held-out page (efficiency and budget papers, the hidden set’s kind)', () => {
  const { page, papers, gold } = readFixture('holdout-2');

  it('holds every metadata kind of the dev page format', () => {
    // The reader's every branch: author counts, organisation lines, dates with and without a
    // year, upvotes, and abstracts followed directly by the next title.
    expect(page).toMatch(/^ {2}• \d+ authors$/m);
    expect(page).toMatch(/^[A-Za-z-]+ [A-Z][A-Za-z ]+\n·$/m);
    expect(page).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/m);
    expect(page).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d+$/m);
    expect(papers.some((paper) => paper.published_at === undefined)).toBe(true);
  });

  it('holds the traps the hidden set holds: LaTeX escapes, ranges, words, names with numbers', () => {
    const abstracts = papers.map((paper) => paper.abstract).join('\n');
    for (const trap of [
      '\\%',
      '\\times',
      '\\$',
      '2X-3X',
      '4-5x',
      'twice',
      'MATH 500',
      'GPT-4o',
      '8x7B',
      '8x A100',
    ]) {
      expect(abstracts).toContain(trap);
    }
    const values = gold.flatMap((entry) => entry.results.map((result) => result.value));
    expect(values).not.toContain('8x7B');
    expect(values).not.toContain('500');
  });
});
