import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { Taxonomy } from '../../src/briefs/taxonomy.js';
import type { Paper } from '../../src/papers/paper.js';
import type { PipelineDeps } from '../../src/pipeline.js';
import {
  openQueues,
  startWorkers,
  type OpenQueues,
  type QueueName,
  type RunningWorkers,
  type WorkerDeps,
  type WorkerSettings,
} from '../../src/queue/index.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../support/redis.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import { headlineTldr } from '../../src/summarizers/extractive/headline-tldr.js';
import type { Summarizer, SummarizerOutput } from '../../src/summarizers/summarizer.js';

/** Shared parts of the queue tests: papers, a scriptable Summarizer, a store, fast settings. */

export const TAXONOMY: Taxonomy = {
  version: 'test',
  tags: [{ id: 'vision', kind: 'modality', synonyms: ['image'] }],
};

/** `count` distinct valid papers with arXiv-style ids `label`-free: 2401.00001, 2401.00002, ... */
export function makePapers(count: number, firstNumber = 1): Paper[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(firstNumber + index).padStart(5, '0');
    return {
      id: `2401.${number}`,
      title: `Paper ${number}: Sparse Routing for Efficient Vision Models`,
      abstract:
        `We study sparse routing for vision transformers in setting ${number}. ` +
        'Our method reaches 81.5% top-1 accuracy on ImageNet while using half the compute.',
      url: `https://arxiv.org/abs/2401.${number}`,
      source: 'jsonl',
    };
  });
}

/** What the scripted summarizer does for one call: answer, throw, or wait for the abort. */
export type Behaviour = (paper: Paper, call: number, signal: AbortSignal | undefined) => Promise<void> | void;

/**
 * A Summarizer written for these tests (no LLM, no network): a valid extractive-style answer,
 * after `behaviour` had its say (it may throw a PaperbriefError or wait). Counts its calls.
 */
export function scriptedSummarizer(behaviour: Behaviour = () => {}): Summarizer & { calls: Paper[] } {
  const calls: Paper[] = [];
  return {
    provider: 'scripted',
    model: 'scripted-1',
    promptVersion: 'v1',
    calls,
    async summarize(paper, context): Promise<SummarizerOutput> {
      calls.push(paper);
      await behaviour(paper, calls.length, context.signal);
      return {
        content: {
          tldr: headlineTldr(paper),
          method_name: null,
          contribution_type: 'method',
          claimed_results: [],
          tags: [],
          code_url: null,
        },
        usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
        attempts: 1,
        warnings: [],
      };
    },
  };
}

/** A logger whose lines tests can read (`lines`), or a silent one. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export const silentLogger: Logger = pino({ level: 'silent' });

/** A fresh SQLite store in its own temporary folder; `dispose` closes and deletes it. */
export function temporaryStore(): { store: SqliteStore; path: string; dispose(): Promise<void> } {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-queue-'));
  const path = join(folder, 'briefs.db');
  const store = createSqliteStore({ path });
  return {
    store,
    path,
    async dispose() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function pipelineDeps(
  summarizer: Summarizer,
  store: SqliteStore,
  logger: Logger = silentLogger,
): PipelineDeps {
  return { summarizer, store, taxonomy: TAXONOMY, allowedTags: new Set(['vision']), logger };
}

/** Worker settings for tests: short locks and stalled checks, a short shutdown. */
export function testSettings(
  redisUrl: string,
  prefix: string,
  overrides: Partial<WorkerSettings> = {},
): WorkerSettings {
  return {
    redisUrl,
    prefix,
    concurrency: 4,
    rpm: undefined,
    attempts: 3,
    rateLimitRetries: 20,
    keepCompleted: 10_000,
    keepFailed: 10_000,
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    shutdownTimeoutMs: 5_000,
    ...overrides,
  };
}

/**
 * Resolves once `check` returns a truthy value (polled every 25 ms); fails with `what` after
 * `timeoutMs`. The house way to wait: a deadline, never a fixed sleep.
 */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `WorkerDeps.watch` for tests that run no `poll` (watch) worker. */
export const NO_WATCH: WorkerDeps['watch'] = {
  fetch: globalThis.fetch,
  endpoints: { 'hf-daily': '', arxiv: '' },
};

export interface QueueTestbed {
  readonly url: string;
  /** This test's key prefix (deleted after it). */
  readonly prefix: string;
  /** This test's SQLite store (deleted after it), and its file for child processes. */
  readonly store: SqliteStore;
  readonly storePath: string;
  /** Producer handles of this test's queues. */
  readonly open: OpenQueues;
  /** Starts workers in this process with test settings; they are closed after the test. */
  startWorkers(
    queues: readonly QueueName[],
    deps: Omit<WorkerDeps, 'watch' | 'logger'> & Partial<Pick<WorkerDeps, 'watch' | 'logger'>>,
    settings?: Partial<WorkerSettings>,
  ): Promise<RunningWorkers>;
  /** Closes the workers now (what a test checks after a shutdown). */
  stopWorkers(): Promise<void>;
}

/**
 * Registers beforeEach/afterEach hooks giving each test of the suite its own queue prefix,
 * store and producer queues, and cleaning up after it (workers closed, keys deleted).
 */
export function queueTestbed(url: string, label: string): QueueTestbed {
  let prefix = '';
  let storeHandle: ReturnType<typeof temporaryStore> | undefined;
  let open: OpenQueues | undefined;
  let running: RunningWorkers | undefined;
  beforeEach(async () => {
    prefix = uniquePrefix(label);
    storeHandle = temporaryStore();
    open = await openQueues({ redisUrl: url, prefix });
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await open?.close();
    await storeHandle?.dispose();
    await deleteKeysWithPrefix(url, prefix);
  });
  return {
    url,
    get prefix() {
      return prefix;
    },
    get store() {
      return (storeHandle as ReturnType<typeof temporaryStore>).store;
    },
    get storePath() {
      return (storeHandle as ReturnType<typeof temporaryStore>).path;
    },
    get open() {
      return open as OpenQueues;
    },
    async startWorkers(queues, deps, settings = {}) {
      running = await startWorkers(
        queues,
        { watch: NO_WATCH, logger: silentLogger, ...deps },
        testSettings(url, prefix, settings),
      );
      return running;
    },
    async stopWorkers() {
      await running?.close();
      running = undefined;
    },
  };
}
