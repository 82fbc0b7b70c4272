/**
 * `npm run bench:cost`: B7 (cost per 1,000 briefs) and B8 (rate-limit utilisation), merged into
 * bench/results.json under their keys (the other figures are left as the last `npm run bench`
 * wrote them) and printed as Markdown tables. `npm run bench` measures them too, with the rest.
 *
 *   npm run bench:cost [-- --corpus path] [-- --quick]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { loadBenchCorpus } from './bench-papers.js';
import { formatCostTables } from './cost-tables.js';
import { measureCostPerThousand } from './cost-per-thousand.js';
import { measureRateLimitUse } from './rate-limit-use.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    'no-redis': { type: 'boolean', default: false },
  },
});
const here = (name: string) => new URL(name, import.meta.url);
const corpus = loadBenchCorpus(values.corpus);
const B7 = await measureCostPerThousand(corpus.papers, tagIds(loadTaxonomy()));
// Two workers need Redis (REDIS_URL, default 127.0.0.1:6379); without it B8 runs local mode only.
const B8 = await measureRateLimitUse(corpus.papers, {
  quick: values.quick,
  redisUrl: values['no-redis'] ? undefined : (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
});
const path = here('results.json');
const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
const round = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value;
writeFileSync(
  path,
  `${JSON.stringify({ ...previous, B7, B8, costRun: { startedAt: new Date().toISOString(), corpus: corpus.source, corpusPapers: corpus.papers.length, quick: values.quick } }, round, 2)}\n`,
);
console.log(formatCostTables(B7, B8));
