import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScoreTable, missedFloors } from '../../../src/eval/index.js';
import { scoreExtractivePage } from '../../support/score-extractive-page.js';

// The shared reference data lives next to the project: ../shared/data from the project root.
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataFolder = join(projectRoot, '..', 'shared', 'data');
const pagePath = join(dataFolder, 'hf-daily-papers-page.txt');
const goldPath = join(dataFolder, 'gold-dev.json');
const available = existsSync(pagePath) && existsSync(goldPath);

describe.skipIf(!available)('the dev page through the extractive pipeline (needs ../shared/data)', () => {
  it('meets every quality floor of the issue, grounded by construction', async () => {
    const { papers, report, rewrittenByGrounding } = await scoreExtractivePage(pagePath, goldPath);
    expect(papers).toHaveLength(62);
    expect(rewrittenByGrounding).toEqual([]);
    expect(report.missingBriefs).toEqual([]);
    expect(missedFloors(report), formatScoreTable(report, { details: true })).toEqual([]);
    expect(report.resultsRecall.rate).toBeGreaterThanOrEqual(0.9);
    expect(report.resultsPrecision.rate).toBeGreaterThanOrEqual(0.9);
    expect(report.methodName.rate).toBeGreaterThanOrEqual(0.9);
    expect(report.codeUrl.rate).toBe(1);
    expect(report.groundedRate.rate).toBe(1);
  });
});
