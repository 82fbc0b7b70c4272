import { readFileSync } from 'node:fs';
import pino from 'pino';
import type { Brief } from '../../src/briefs/brief.js';
import { groundContent } from '../../src/briefs/grounding.js';
import { loadTaxonomy, tagIds } from '../../src/briefs/taxonomy.js';
import { parseGold, scoreBriefs, type ScoreReport } from '../../src/eval/index.js';
import type { Paper } from '../../src/papers/paper.js';
import { summarizePaper } from '../../src/pipeline.js';
import { readHfPage } from '../../src/sources/hf-page.js';
import { createSqliteStore } from '../../src/stores/index.js';
import { createExtractiveSummarizer } from '../../src/summarizers/extractive/index.js';

export interface ScoredPage {
  papers: Paper[];
  briefs: Brief[];
  report: ScoreReport;
  /** Titles of papers whose summarizer output grounding had to drop or rewrite anything. */
  rewrittenByGrounding: string[];
}

/**
 * Runs an HF page through the real pipeline (extractive summarizer → grounding → schema → an
 * in-memory SQLite store) and scores the briefs against gold: the quality-floor check shared by
 * the dev page and the held-out pages.
 */
export async function scoreExtractivePage(pagePath: string, goldPath: string): Promise<ScoredPage> {
  const papers = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath }).flatMap((result) =>
    result.kind === 'paper' ? [result.paper] : [],
  );
  const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);
  const taxonomy = loadTaxonomy();
  const allowedTags = tagIds(taxonomy);
  const summarizer = createExtractiveSummarizer();
  const store = createSqliteStore({ path: ':memory:' });
  const deps = {
    summarizer,
    store,
    taxonomy,
    allowedTags,
    logger: pino({ level: 'silent' }),
  };
  const briefs: Brief[] = [];
  const rewrittenByGrounding: string[] = [];
  try {
    for (const paper of papers) {
      // Grounded by construction: the pipeline's check should find nothing to drop or rewrite.
      const output = await summarizer.summarize(paper, { taxonomy, allowedTags });
      const grounded = groundContent(output.content, paper, allowedTags);
      if (grounded.issues.length > 0 || JSON.stringify(grounded.content) !== JSON.stringify(output.content)) {
        rewrittenByGrounding.push(paper.title);
      }
      briefs.push((await summarizePaper(paper, deps)).brief);
    }
  } finally {
    await store.close();
  }
  return { papers, briefs, report: scoreBriefs({ briefs, gold, papers }), rewrittenByGrounding };
}
