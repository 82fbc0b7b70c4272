import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BriefSchema, type Brief } from '../../../src/briefs/brief.js';
import { groundContent } from '../../../src/briefs/grounding.js';
import { loadTaxonomy, tagIds } from '../../../src/briefs/taxonomy.js';
import { missedFloors, parseGold, scoreBriefs } from '../../../src/eval/index.js';
import type { Paper } from '../../../src/papers/paper.js';
import { readHfPage } from '../../../src/sources/hf-page.js';
import { createExtractiveSummarizer } from '../../../src/summarizers/extractive/index.js';

// The shared reference data lives next to the project: ../shared/data from the project root.
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dataFolder = join(projectRoot, '..', 'shared', 'data');
const pagePath = join(dataFolder, 'hf-daily-papers-page.txt');
const goldPath = join(dataFolder, 'gold-dev.json');
const available = existsSync(pagePath) && existsSync(goldPath);

describe.skipIf(!available)(
  'the dev page through summarizer + grounding + scorer (needs ../shared/data)',
  () => {
    it('meets every quality floor of the issue', async () => {
      const papers: Paper[] = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath }).flatMap(
        (result) => (result.kind === 'paper' ? [result.paper] : []),
      );
      const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);
      expect(papers).toHaveLength(gold.length);

      const taxonomy = loadTaxonomy();
      const allowedTags = tagIds(taxonomy);
      const summarizer = createExtractiveSummarizer();
      const briefs: Brief[] = [];
      for (const paper of papers) {
        const output = await summarizer.summarize(paper, { taxonomy, allowedTags });
        const grounded = groundContent(output.content, paper, allowedTags);
        // Grounded by construction: the pipeline's check finds nothing to drop or rewrite.
        expect(grounded.issues, paper.title).toEqual([]);
        expect(grounded.content).toEqual(output.content);
        briefs.push(
          BriefSchema.parse({
            schema_version: '1',
            paper: { id: paper.id, title: paper.title, url: null, published_at: null, source: paper.source },
            ...grounded.content,
            provenance: {
              provider: summarizer.provider,
              model: summarizer.model,
              prompt_version: summarizer.promptVersion,
              input_hash: '0'.repeat(64),
              created_at: new Date(0).toISOString(),
              usage: output.usage,
              attempts: output.attempts,
              warnings: [],
            },
          }),
        );
      }

      const report = scoreBriefs({ briefs, gold, papers });
      expect(report.missingBriefs).toEqual([]);
      expect(missedFloors(report)).toEqual([]);
      expect(report.resultsRecall.rate).toBeGreaterThanOrEqual(0.9);
      expect(report.resultsPrecision.rate).toBeGreaterThanOrEqual(0.9);
      expect(report.methodName.rate).toBeGreaterThanOrEqual(0.9);
      expect(report.codeUrl.rate).toBe(1);
      expect(report.groundedRate.rate).toBe(1);
    });
  },
);
