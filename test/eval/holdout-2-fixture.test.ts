import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGold, valueNumbers, type GoldPaper } from '../../src/eval/index.js';
import { readHfPage } from '../../src/sources/hf-page.js';

// The second held-out page (40 efficiency and budget papers, the hidden set's kind) checked on
// its own, before any summarizer: a gold that does not fit its page makes every figure on it moot.
const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'holdout-2');
const pagePath = join(fixtureFolder, 'page.txt');
const goldPath = join(fixtureFolder, 'gold.json');

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

describe('the second held-out page fixture and its gold', () => {
  const readResults = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath });
  const papers = readResults.flatMap((result) => (result.kind === 'paper' ? [result.paper] : []));
  const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);

  it('reads as 30–40 papers of the dev page format, all metadata kinds included, one gold entry each in order', () => {
    expect(readResults.filter((result) => result.kind !== 'paper')).toEqual([]);
    expect(papers.length).toBeGreaterThanOrEqual(30);
    expect(papers.length).toBeLessThanOrEqual(40);
    expect(papers.map((paper) => paper.title)).toEqual(gold.map((entry) => entry.title));
    const page = readFileSync(pagePath, 'utf8');
    // The reader's every branch: author counts, organisation lines, dates with and without a
    // year, upvotes, and abstracts followed directly by the next title.
    expect(page).toMatch(/^ {2}• \d+ authors$/m);
    expect(page).toMatch(/^[A-Za-z-]+ [A-Z][A-Za-z ]+\n·$/m);
    expect(page).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/m);
    expect(page).toMatch(/^[A-Z][a-z]{2} \d{1,2} \d+$/m);
    expect(papers.some((paper) => paper.published_at === undefined)).toBe(true);
  });

  it('quotes every gold result and code URL verbatim from its abstract, with readable required values', () => {
    const problems = gold.flatMap((entry, index) => entryProblems(entry, papers[index]?.abstract ?? ''));
    expect(problems).toEqual([]);
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
