/**
 * Dev loop for the extractive rules: briefs the dev page through the same road as the pipeline
 * (summarizer → groundContent → BriefSchema, no store) and prints the score table with details.
 * Usage: npx tsx scripts/eval-dev.ts [page.txt] [gold.json] [--explain N]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BriefSchema, type Brief } from '../src/briefs/brief.js';
import { groundContent, groundingWarnings } from '../src/briefs/grounding.js';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { formatScoreTable, parseGold, scoreBriefs } from '../src/eval/index.js';
import { inputHash } from '../src/papers/paper-id.js';
import type { Paper } from '../src/papers/paper.js';
import { readHfPage } from '../src/sources/hf-page.js';
import { createExtractiveSummarizer, explainQuantities } from '../src/summarizers/extractive/index.js';

const args = process.argv.slice(2);
const explainAt = args.indexOf('--explain');
const explainIndex = explainAt === -1 ? undefined : Number(args[explainAt + 1]);
const files = args.filter((_, index) => explainAt === -1 || (index !== explainAt && index !== explainAt + 1));
const pagePath = resolve(files[0] ?? '../shared/data/hf-daily-papers-page.txt');
const goldPath = resolve(files[1] ?? '../shared/data/gold-dev.json');

const papers: Paper[] = readHfPage(readFileSync(pagePath, 'utf8'), { sourceName: pagePath }).flatMap(
  (result) => (result.kind === 'paper' ? [result.paper] : []),
);
const gold = parseGold(readFileSync(goldPath, 'utf8'), goldPath);
const taxonomy = loadTaxonomy();
const allowedTags = tagIds(taxonomy);
const summarizer = createExtractiveSummarizer();

const started = performance.now();
const briefs: Brief[] = [];
for (const paper of papers) {
  const output = await summarizer.summarize(paper, { taxonomy, allowedTags });
  const grounded = groundContent(output.content, paper, allowedTags);
  // As in the pipeline, an ungrounded TL;DR fails the paper (decision 0024): say so, keep going.
  if (grounded.tldrUngrounded) console.log(`FAILS (ungrounded_tldr): ${paper.title}`);
  const content = grounded.content;
  briefs.push(
    BriefSchema.parse({
      schema_version: '1',
      paper: { id: paper.id, title: paper.title, url: null, published_at: null, source: paper.source },
      ...content,
      provenance: {
        provider: summarizer.provider,
        model: summarizer.model,
        prompt_version: summarizer.promptVersion,
        input_hash: inputHash(paper),
        created_at: new Date(0).toISOString(),
        usage: output.usage,
        attempts: output.attempts,
        warnings: groundingWarnings(grounded.issues),
      },
    }),
  );
}
const elapsedMs = performance.now() - started;

console.log(formatScoreTable(scoreBriefs({ briefs, gold, papers }), { details: true }));
const warned = briefs.filter((brief) => brief.provenance.warnings.length > 0);
console.log(
  `\n${papers.length} papers in ${elapsedMs.toFixed(0)} ms; ${warned.length} briefs with grounding warnings`,
);
for (const brief of warned) console.log(`- ${brief.paper.title}: ${brief.provenance.warnings.join('; ')}`);
if (explainIndex !== undefined && papers[explainIndex]) {
  const brief = briefs[explainIndex];
  console.log(JSON.stringify({ ...brief, provenance: undefined }, null, 2));
  console.table(explainQuantities(papers[explainIndex].abstract));
}
