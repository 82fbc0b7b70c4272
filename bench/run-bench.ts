/**
 * `npm run bench`: measures B1–B9 in one run (B1–B6 issue 6, B7 cost per 1,000 briefs and B8
 * rate-limit use issue 11, B9 input memory issue 10), writes bench/results.json and the CPU
 * profile summaries of B1 and B2 (bench/profile-b1.md, bench/profile-b2.md), and prints Markdown
 * tables. `npm run bench:cost` reruns B7 and B8 alone.
 *
 *   npm run bench [-- --quick] [-- --corpus path]
 *
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379); every key it writes is under a
 * unique `pb-bench-*` prefix, deleted afterwards. All traffic stays on 127.0.0.1.
 * Every figure is a ratio against a baseline measured in the same run: absolute numbers depend
 * on the machine (and its neighbours) and are reported, never asserted.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { loadConfig } from '../src/config.js';
import { connectionReady, createRedisConnection } from '../src/queue/index.js';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { createBenchWorkspace } from './bench-context.js';
import { loadBenchCorpus, repeatPapers } from './bench-papers.js';
import { formatProfileSummary } from './cpu-profile.js';
import { formatCostTables } from './cost-tables.js';
import { measureCostPerThousand } from './cost-per-thousand.js';
import { measureExtractiveSpeed } from './extractive-speed.js';
import { measureInputMemory } from './input-memory.js';
import { B3_CONCURRENCY, measureLatencyBound } from './latency-bound.js';
import { measurePlumbingOverhead } from './plumbing-overhead.js';
import { measureRateLimitUse } from './rate-limit-use.js';
import { measureQueueOverhead } from './queue-overhead.js';
import { formatResultsTable, type BenchResults } from './results-table.js';
import { measureTokens } from './token-figures.js';
import { measureWorkerMemory } from './worker-memory.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, corpus: { type: 'string' } },
});
const quick = values.quick;
/** Counts of the full run; `--quick` divides them for a smoke run. */
const COUNTS = quick
  ? {
      b1: 600,
      b2: 200,
      b3Waves: 4,
      b4: 1_000,
      b5: 3_000,
      b5Mark: 300,
      b5Between: [1_000, 1_500],
      concurrency: 8,
    }
  : {
      b1: 10_000,
      b2: 1_000,
      b3Waves: 15,
      b4: 10_000,
      b5: 20_000,
      b5Mark: 1_000,
      b5Between: [2_000, 5_000, 10_000, 15_000],
      concurrency: 8,
    };

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

const redisUrl = loadConfig().REDIS_URL ?? 'redis://127.0.0.1:6379';
await assertRedis(redisUrl);
const corpus = loadBenchCorpus(values.corpus);
const startedAt = new Date();
const workspace = createBenchWorkspace();
try {
  log(`corpus: ${corpus.papers.length} papers from ${corpus.source}; redis ${redisUrl}`);
  const papers = (count: number, tag: string) => repeatPapers(corpus.papers, count, tag);

  log(`B1: ${COUNTS.b1} jobs, concurrency ${COUNTS.concurrency} (raw, pipeline, raw)...`);
  const b1 = await measureQueueOverhead(workspace, {
    redisUrl,
    papers: papers(COUNTS.b1, 'b1-'),
    concurrency: COUNTS.concurrency,
  });
  log(`B2: ${COUNTS.b2} papers, concurrency ${COUNTS.concurrency} (bare, local, bare)...`);
  const b2 = await measurePlumbingOverhead(workspace, {
    papers: papers(COUNTS.b2, 'b2-'),
    warmup: papers(100, 'b2w-'),
    concurrency: COUNTS.concurrency,
  });
  log(`B3: ${COUNTS.b3Waves * B3_CONCURRENCY} papers at 200 ms...`);
  const b3 = await measureLatencyBound(workspace, {
    papers: papers(COUNTS.b3Waves * B3_CONCURRENCY, 'b3-'),
    warmup: papers(B3_CONCURRENCY, 'b3w-'),
  });
  log(`B4: ${COUNTS.b4} papers through the extractive summarizer...`);
  const b4 = await measureExtractiveSpeed(workspace, {
    papers: papers(COUNTS.b4, 'b4-'),
    warmup: corpus.papers,
  });
  log(`B5: ${COUNTS.b5} papers through a worker process...`);
  const b5 = await measureWorkerMemory(workspace, {
    redisUrl,
    papers: papers(COUNTS.b5, 'b5-'),
    firstMark: COUNTS.b5Mark,
    concurrency: COUNTS.concurrency,
    between: COUNTS.b5Between,
  });
  const b6 = await measureTokens(workspace, {
    papers: corpus.papers,
    llmCallsPerPaper: b2.figure.llmCallsPerPaper,
  });

  const b9Mb = quick ? 20 : 200;
  log(`B9: summarize on a ${b9Mb / 100} MB and a ${b9Mb} MB JSONL file (peak RSS)...`);
  const b9 = await measureInputMemory({ largeMb: b9Mb });

  log('B7: cost per 1,000 briefs (synchronous, batch, cached prompt)...');
  const B7 = await measureCostPerThousand(corpus.papers, tagIds(loadTaxonomy()));
  log('B8: rate-limit utilisation (local mode, two workers)...');
  const B8 = await measureRateLimitUse(corpus.papers, { quick, redisUrl });

  const results: BenchResults & Record<string, unknown> = {
    B1: b1.figure,
    B2: b2.figure,
    B3: b3,
    B4: b4,
    B5: b5,
    B6: b6,
    B9: b9,
    B7,
    B8,
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    run: {
      startedAt: startedAt.toISOString(),
      elapsedS: (Date.now() - startedAt.getTime()) / 1000,
      corpus: corpus.source,
      corpusPapers: corpus.papers.length,
      quick,
    },
  };
  writeFileSync(here('results.json'), `${JSON.stringify(results, roundNumbers, 2)}\n`);
  writeFileSync(here('profile-b1.md'), await profileFile(formatProfileSummary(b1.profile)));
  writeFileSync(here('profile-b2.md'), await profileFile(formatProfileSummary(b2.profile)));
  console.log(formatResultsTable(results));
  console.log(`\n${formatCostTables(B7, B8)}`);
} finally {
  await workspace.dispose();
}

/** A profile summary as a Markdown file, formatted as `npm run format:check` wants it. */
async function profileFile(body: string): Promise<string> {
  const text = `<!-- Written by npm run bench (bench/cpu-profile.ts): self time of the bench process. -->\n\n${body}`;
  const path = here('profile-b1.md');
  return format(text, { ...(await resolveConfig(path)), parser: 'markdown' });
}

/** Three decimals are plenty for a noisy machine, and keep the file readable. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

/** Fails fast, with the fix, when Redis does not answer. */
async function assertRedis(url: string): Promise<void> {
  const redis = createRedisConnection({ redisUrl: url }, 'producer');
  redis.on('error', () => {});
  try {
    await Promise.race([
      connectionReady(redis),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5_000).unref()),
    ]);
  } catch (error) {
    console.error(
      `npm run bench needs Redis at ${url} (set REDIS_URL): ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  } finally {
    redis.disconnect();
  }
}
