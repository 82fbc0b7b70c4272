import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScoreTable, missedFloors } from '../../src/eval/index.js';
import { scoreExtractivePage } from '../support/score-extractive-page.js';

// The second, independent generalisation check: 40 efficiency and budget papers (the hidden set's
// kind), annotated and committed before the summarizer first ran on them (test/fixtures/holdout-2).
const fixtureFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'holdout-2');

describe('the second held-out page through the extractive pipeline', () => {
  it('meets every quality floor of the issue', async () => {
    const { report, rewrittenByGrounding } = await scoreExtractivePage(
      join(fixtureFolder, 'page.txt'),
      join(fixtureFolder, 'gold.json'),
    );
    expect(rewrittenByGrounding).toEqual([]);
    expect(report.missingBriefs).toEqual([]);
    expect(missedFloors(report), formatScoreTable(report, { details: true })).toEqual([]);
    expect(report.codeUrl.rate).toBe(1);
    expect(report.groundedRate.rate).toBe(1);
  });
});
