import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy, tagIds } from '../../src/briefs/taxonomy.js';
import { parseGold, valueNumbers } from '../../src/eval/index.js';
import { readHfPage } from '../../src/sources/hf-page.js';

// The third held-out page and its gold (tags included) checked on their own, before any summarizer.
const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'holdout-3');
const pagePath = join(fixtureFolder, 'page.txt');
const goldPath = join(fixtureFolder, 'gold.json');

describe('the third held-out page fixture and its gold', () => {
  const readResults = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath });
  const papers = readResults.flatMap((result) => (result.kind === 'paper' ? [result.paper] : []));
  const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);

  it('reads as 25–40 papers of the dev page format, one gold entry each in order', () => {
    expect(readResults.filter((result) => result.kind !== 'paper')).toEqual([]);
    expect(papers.length).toBeGreaterThanOrEqual(25);
    expect(papers.map((paper) => paper.title)).toEqual(gold.map((entry) => entry.title));
  });

  it('quotes every result verbatim, with a value the scorer reads when required', () => {
    const problems = gold.flatMap((entry, index) => {
      const abstract = papers[index]?.abstract ?? '';
      return entry.results.flatMap((result) => [
        ...(abstract.includes(result.quote) ? [] : [`${entry.title}: quote ${result.quote}`]),
        ...(result.quote.includes(result.value) ? [] : [`${entry.title}: value ${result.value}`]),
        ...(result.required && valueNumbers(result.value).length === 0
          ? [`${entry.title}: ${result.value}`]
          : []),
      ]);
    });
    expect(problems).toEqual([]);
  });

  it('tags from taxonomy-1 (the bundled copy), core within ok, at most 5 core tags', () => {
    const ids = tagIds(loadTaxonomy());
    const problems = gold.flatMap((entry) => {
      const core = entry.tags_core ?? [];
      const ok = entry.tags_ok ?? [];
      return [
        ...[...core, ...ok].filter((tag) => !ids.has(tag)).map((tag) => `${entry.title}: unknown ${tag}`),
        ...core.filter((tag) => !ok.includes(tag)).map((tag) => `${entry.title}: core not ok ${tag}`),
        ...(core.length >= 1 && core.length <= 5 ? [] : [`${entry.title}: ${core.length} core tags`]),
      ];
    });
    expect(problems).toEqual([]);
  });
});
