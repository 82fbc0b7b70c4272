import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Paper } from '../src/papers/paper.js';
import { enqueuePapers, jobOptions, openQueues } from '../src/queue/index.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import { createExtractiveSummarizer } from '../src/summarizers/extractive/index.js';
import { deleteKeysWithPrefix } from '../test/support/delete-keys-with-prefix.js';
import type { BenchWorkspace } from './bench-context.js';

const CHILD_SCRIPT = fileURLToPath(new URL('./worker-memory-child.ts', import.meta.url));
/** How long the worker may take for every paper, in milliseconds. */
const DEADLINE_MS = 900_000;

interface Mark {
  type: 'mark';
  finished: number;
  failed: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Memory after garbage collection at one count of finished jobs, in megabytes. */
export interface MemorySample {
  finished: number;
  rssMb: number;
  heapUsedMb: number;
  /** What V8 has reserved for the heap (part of RSS even when not in use). */
  heapTotalMb: number;
  externalMb: number;
}

export interface WorkerMemoryFigure {
  /** RSS after all papers over RSS after the first mark. */
  ratio: number;
  /** At most 10% growth. */
  target: number;
  papers: number;
  firstMark: number;
  rssFirstMb: number;
  rssLastMb: number;
  heapFirstMb: number;
  heapLastMb: number;
  /**
   * Not the figure, its context: RSS after all papers over RSS at the middle mark (10,000 of
   * 20,000), both past the warm-up of the bounded caches (SQLite's page cache, V8's young
   * generation). A leak grows here too; a cache filling up does not.
   */
  ratioSecondHalf: number | null;
  /** Every mark, the first and last included: the shape of the growth. */
  samples: MemorySample[];
  failed: number;
  elapsedMs: number;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * B5: a worker process (extractive summarizer, SQLite, house settings) runs `papers`; its RSS
 * after garbage collection at `firstMark` finished jobs and at the last one. The producer runs
 * here, so the paper array does not count against the worker.
 * @throws when the worker cannot start or misses the deadline.
 */
export async function measureWorkerMemory(
  workspace: BenchWorkspace,
  options: {
    redisUrl: string;
    papers: readonly Paper[];
    firstMark: number;
    concurrency: number;
    /** Further marks between the first and the last, for the shape of the growth. */
    between?: readonly number[];
    /** Diagnosis only: SQLite's page cache size in KiB. @default better-sqlite3's 16,000 */
    sqliteCacheKb?: number;
    /** Diagnosis only: extra Node flags for the worker (`--max-semi-space-size=1`). */
    nodeFlags?: readonly string[];
  },
): Promise<WorkerMemoryFigure> {
  const prefix = workspace.prefix('b5');
  const allMarks = [...new Set([options.firstMark, ...(options.between ?? []), options.papers.length])]
    .filter((mark) => mark >= options.firstMark && mark <= options.papers.length)
    .sort((a, b) => a - b);
  const child = fork(
    CHILD_SCRIPT,
    [
      ...['--redis', options.redisUrl, '--prefix', prefix, '--db', join(workspace.dir, 'b5.db')],
      ...[
        '--concurrency',
        String(options.concurrency),
        '--marks',
        allMarks.join(','),
        ...(options.sqliteCacheKb === undefined ? [] : ['--sqlite-cache-kb', String(options.sqliteCacheKb)]),
      ],
    ],
    {
      execArgv: ['--expose-gc', ...(options.nodeFlags ?? []), '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const marks: Mark[] = [];
  const startedAt = performance.now();
  try {
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`B5 worker missed its ${DEADLINE_MS} ms deadline`)),
        DEADLINE_MS,
      );
      child.on('exit', (code) => reject(new Error(`B5 worker exited early with ${code}`)));
      child.on('message', (message: { type: 'ready' } | Mark) => {
        if (message.type === 'ready') {
          void enqueue(options.redisUrl, prefix, options.papers).catch(reject);
          return;
        }
        marks.push(message);
        if (marks.length === allMarks.length) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await done;
  } finally {
    if (child.connected) child.send({ type: 'stop' });
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    await deleteKeysWithPrefix(options.redisUrl, prefix);
  }
  const first = marks[0]!;
  const last = marks[marks.length - 1]!;
  const middle = marks.find((mark) => mark.finished === options.papers.length / 2);
  return {
    ratio: last.rss / first.rss,
    target: 1.1,
    papers: options.papers.length,
    firstMark: first.finished,
    rssFirstMb: megabytes(first.rss),
    rssLastMb: megabytes(last.rss),
    heapFirstMb: megabytes(first.heapUsed),
    heapLastMb: megabytes(last.heapUsed),
    ratioSecondHalf: middle ? last.rss / middle.rss : null,
    samples: marks.map((mark) => ({
      finished: mark.finished,
      rssMb: megabytes(mark.rss),
      heapUsedMb: megabytes(mark.heapUsed),
      heapTotalMb: megabytes(mark.heapTotal),
      externalMb: megabytes(mark.external),
    })),
    failed: last.failed,
    elapsedMs: performance.now() - startedAt,
  };
}

/** Adds one summarize job per paper, as `paperbrief enqueue` does. */
async function enqueue(redisUrl: string, prefix: string, papers: readonly Paper[]): Promise<void> {
  const producer = await openQueues({ redisUrl, prefix });
  // Nothing is stored yet for these ids: an empty store answers the "already briefed" check.
  const store = createSqliteStore({ path: ':memory:' });
  try {
    await enqueuePapers(papers, {
      queue: producer.queues.summarize,
      store,
      identity: createExtractiveSummarizer(),
      jobOptions: jobOptions(),
    });
  } finally {
    await producer.close();
    await store.close();
  }
}
