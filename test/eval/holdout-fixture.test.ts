import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseGold, valueNumbers } from '../../src/eval/index.js';
import type { Paper } from '../../src/papers/paper.js';
import { readHfPage } from '../../src/sources/hf-page.js';

// The held-out page and its gold, checked for consistency on their own (no summarizer): a gold
// that does not fit its page would make every figure measured on it meaningless.
const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'holdout');
const pagePath = join(fixtureFolder, 'page.txt');
const goldPath = join(fixtureFolder, 'gold.json');

function readPage(): Paper[] {
  const results = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath });
  expect(results.filter((result) => result.kind !== 'paper')).toEqual([]);
  return results.flatMap((result) => (result.kind === 'paper' ? [result.paper] : []));
}

describe('the held-out page fixture and its gold', () => {
  const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);

  it('reads as 30–40 papers in the dev page format, one gold entry per paper in page order', () => {
    const papers = readPage();
    expect(papers.length).toBeGreaterThanOrEqual(30);
    expect(papers.length).toBeLessThanOrEqual(40);
    expect(papers.map((paper) => paper.title)).toEqual(gold.map((entry) => entry.title));
  });

  it('quotes every gold result verbatim from its abstract, with the value inside the quote', () => {
    const papers = readPage();
    const problems: string[] = [];
    gold.forEach((entry, index) => {
      const abstract = papers[index]?.abstract ?? '';
      for (const result of entry.results) {
        if (!abstract.includes(result.quote))
          problems.push(`${entry.title}: quote not in abstract: ${result.quote}`);
        if (!result.quote.includes(result.value))
          problems.push(`${entry.title}: value not in quote: ${result.value}`);
      }
      if (entry.code_url !== null && !abstract.includes(entry.code_url)) {
        problems.push(`${entry.title}: code URL not in abstract: ${entry.code_url}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('gives every required result a value the scorer can read a number from', () => {
    // A required value with no readable number could never be recalled, whatever the summarizer does.
    const unreadable = gold.flatMap((entry) =>
      entry.results
        .filter((result) => result.required && valueNumbers(result.value).length === 0)
        .map((result) => `${entry.title}: ${result.value}`),
    );
    expect(unreadable).toEqual([]);
  });
});
