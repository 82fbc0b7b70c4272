import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import pino from 'pino';
import { createAccessControl, type RateLimitOptions, type TokenEntry } from '../../src/http/access/index.js';
import { buildApp, type AppDeps } from '../../src/http/build-app.js';
import { queueEnqueuer } from '../../src/http/queue-enqueuer.js';
import type { ReadinessCheck } from '../../src/http/health-routes.js';
import { redisPing, storePing } from '../../src/http/readiness-checks.js';
import { REDACTED_PATHS } from '../../src/logger.js';
import {
  createMetrics,
  publishedMetricsKey,
  queueDepthSource,
  readPublishedMetrics,
  type PaperbriefMetrics,
} from '../../src/metrics/index.js';
import { jobOptions } from '../../src/queue/job-options.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/sqlite-store.js';
import { createExtractiveSummarizer } from '../../src/summarizers/extractive/index.js';
import { deleteKeysWithPrefix, uniquePrefix } from '../support/redis.js';

/** A token of the length a real one has; tests that need "wrong" derive theirs from it. */
export const TOKEN = 'test-token-0123456789abcdef-XYZ';

export interface ApiHarness {
  /** `http://127.0.0.1:<port>` of the listening server. */
  baseUrl: string;
  store: SqliteStore;
  queue: Queue;
  /** Where workers would publish their metric snapshots for this server. */
  workerMetricsKey: string;
  metrics: PaperbriefMetrics;
  /** Every log line the app wrote, as text. */
  logLines: string[];
  /** fetch against the server with the bearer token (pass `headers` to replace it). */
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  redisUrl: string;
  bodyLimitBytes?: number;
  /** Replaces the Redis and store checks of /readyz. */
  readiness?: Record<string, ReadinessCheck>;
  /** How long each readiness check may take. */
  readinessTimeoutMs?: number;
  /** The store's clock (stored_at). */
  now?: () => Date;
  /** Scoped tokens besides TOKEN (which holds every scope). */
  tokens?: TokenEntry[];
  /** PAPERBRIEF_PUBLIC_READ. */
  publicRead?: boolean;
  /** Rate limits; by default too high for any test to reach. */
  rateLimit?: RateLimitOptions;
  /** PAPERBRIEF_API_MAX_PAPERS. */
  maxPapers?: number;
}

/**
 * A real API: SQLite in a temporary folder, the BullMQ summarize queue on the test Redis under a
 * unique prefix, the real enqueuer, metrics and logger (at info, captured), listening on a free
 * loopback port. `close` removes every trace.
 */
export async function startApi(options: HarnessOptions): Promise<ApiHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-http-'));
  const store = createSqliteStore({
    path: join(folder, 'briefs.db'),
    ...(options.now ? { now: options.now } : {}),
  });
  const prefix = uniquePrefix('http');
  const queue = new Queue('summarize', { connection: { url: options.redisUrl }, prefix });
  const metrics = createMetrics({ queueDepth: queueDepthSource([queue]) });
  const workerMetricsKey = publishedMetricsKey(prefix);
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);

  const deps: AppDeps = {
    store,
    enqueue: queueEnqueuer({
      queue,
      store,
      identity: createExtractiveSummarizer(),
      jobOptions: jobOptions(),
    }),
    readiness: options.readiness ?? { redis: redisPing(queue), store: storePing(store) },
    metrics,
    workerMetrics: async () =>
      readPublishedMetrics(await queue.getBackend().client, workerMetricsKey, 60_000),
    queues: [queue],
    access: createAccessControl({ apiToken: TOKEN, tokens: options.tokens, publicRead: options.publicRead }),
    rateLimit: options.rateLimit ?? { perTokenPerMinute: 100_000, perAddressPerMinute: 100_000 },
    maxPapers: options.maxPapers,
    logger,
    bodyLimitBytes: options.bodyLimitBytes,
    readinessTimeoutMs: options.readinessTimeoutMs,
    version: '0.1.0-test',
  };
  const app = await buildApp(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    baseUrl,
    store,
    queue,
    workerMetricsKey,
    metrics,
    logLines,
    call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TOKEN}`);
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
    async close() {
      await app.close();
      await queue.close();
      await store.close();
      await deleteKeysWithPrefix(options.redisUrl, prefix);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** fetch without any Authorization header. */
export function anonymous(harness: ApiHarness, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${harness.baseUrl}${path}`, init);
}

/** `Basic base64(user:password)`. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
