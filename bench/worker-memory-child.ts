/**
 * The worker process of B5 (started by worker-memory.ts with `--expose-gc` and an IPC channel):
 * the summarize worker as `paperbrief worker` runs it by default (extractive summarizer, SQLite
 * store, the house worker settings). At each count of finished jobs in MARKS it collects garbage
 * and reports its memory; on `stop` it closes and exits.
 */
import { parseArgs } from 'node:util';
import { startWorkers } from '../src/queue/index.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import { createExtractiveSummarizer } from '../src/summarizers/extractive/index.js';
import { createBenchLogger } from './bench-context.js';
import { NO_SOURCES, benchWorkerSettings } from './queue-runs.js';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    prefix: { type: 'string' },
    db: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    marks: { type: 'string', default: '1000,20000' },
    // Diagnosis only: SQLite's page cache in KiB (better-sqlite3 builds SQLite with 16,000).
    'sqlite-cache-kb': { type: 'string' },
  },
});
if (!values.redis || !values.prefix || !values.db || !process.send) {
  console.error('worker-memory-child: --redis, --prefix, --db and an IPC channel are required');
  process.exit(2);
}
const send = process.send.bind(process);
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const logger = createBenchLogger();
const taxonomy = loadTaxonomy();
const store = createSqliteStore({ path: values.db });
if (values['sqlite-cache-kb'] !== undefined) {
  store.database.pragma(`cache_size = -${Number(values['sqlite-cache-kb'])}`);
}
const pipeline = {
  summarizer: createExtractiveSummarizer(),
  store,
  taxonomy,
  allowedTags: tagIds(taxonomy),
  logger,
};
const running = await startWorkers(
  ['summarize'],
  { pipeline, watch: { fetch: globalThis.fetch, endpoints: NO_SOURCES }, logger },
  benchWorkerSettings({
    redisUrl: values.redis,
    prefix: values.prefix,
    concurrency: Number(values.concurrency),
  }),
);
const marks = new Set(values.marks.split(',').map(Number));
let finished = 0;
let failed = 0;
const onFinished = () => {
  finished++;
  if (!marks.has(finished)) return;
  collectGarbage();
  const memory = process.memoryUsage();
  send({
    type: 'mark',
    finished,
    failed,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
  });
};
running.workers[0]!.on('completed', onFinished);
running.workers[0]!.on('failed', () => {
  failed++;
  onFinished();
});
// The bench process went away (Ctrl-C, a crash): nobody reads the marks, so stop at once.
process.on('disconnect', () => process.exit(1));
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  void running
    .close()
    .then(() => store.close())
    .then(() => process.exit(0));
});
send({ type: 'ready' });
