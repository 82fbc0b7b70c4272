import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { buildApp } from '../http/build-app.js';
import { queueEnqueuer } from '../http/queue-enqueuer.js';
import { redisPing, storePing, workersNotPaused } from '../http/readiness-checks.js';
import {
  createMetrics,
  publishedMetricsKey,
  queueDepthSource,
  readPublishedMetrics,
} from '../metrics/index.js';
import { describeError } from '../errors.js';
import { packagePath } from '../package-root.js';
import { jobOptions } from '../queue/job-options.js';
import { openQueues } from '../queue/open-queues.js';
import { accessFromConfig } from './access.js';
import { configuredIdentity, openConfiguredStore } from './pipeline-parts.js';
import { queueConnection } from './redis-settings.js';

/** Worker snapshots older than this are left out of /metrics (workers publish every 10 s). */
const WORKER_METRICS_MAX_AGE_MS = 60_000;

export interface ServeListen {
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
}

export interface RunningServer {
  /** `http://host:port` actually bound. */
  url: string;
  /** True without REDIS_URL: reading only. */
  readOnly: boolean;
  /** Stops accepting requests, lets those in flight finish, closes queues and store. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP API from a Config: the configured store, the BullMQ queues on REDIS_URL, the
 * same summarizer identity as the workers (job ids and "already briefed" checks depend on it),
 * metrics with live queue depth, and the dashboard. Without REDIS_URL it starts read-only: the
 * page, feeds and GET routes over the store; POST /v1/papers answers 503.
 * @throws ConfigError when no API token is configured (neither PAPERBRIEF_API_TOKEN nor
 *   PAPERBRIEF_API_TOKENS_FILE, unless PAPERBRIEF_PUBLIC_READ=1) or one is invalid; errors from
 *   Redis or the store when they cannot be reached.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  listen: ServeListen,
): Promise<RunningServer> {
  const access = accessFromConfig(config);
  const store = await openConfiguredStore(config, logger);
  const closers: Array<{ part: string; close: () => Promise<void> }> = [
    { part: 'the store', close: () => store.close() },
  ];
  // Last opened, first closed; a second call finds nothing left to close. One part that cannot
  // close (the queues while Redis is down) must not keep the others open: each is tried, and a
  // failure is logged, not thrown. Nothing is lost by it: a job the API accepted is in Redis.
  const closeAll = async () => {
    for (const { part, close } of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        logger.warn({ part, reason: describeError(error) }, `could not close ${part}; closing the rest`);
      }
    }
  };
  const common = {
    store,
    access,
    rateLimit: {
      perTokenPerMinute: config.PAPERBRIEF_API_RATE_LIMIT,
      perAddressPerMinute: config.PAPERBRIEF_API_ANON_RATE_LIMIT,
    },
    maxPapers: config.PAPERBRIEF_API_MAX_PAPERS,
    logger,
    version: packageVersion(),
  };
  if (config.REDIS_URL === undefined && config.REDIS_CLUSTER_NODES === undefined) {
    try {
      const app = await buildApp({
        ...common,
        readOnlyReason: 'REDIS_URL is not set',
        readiness: { store: storePing(store) },
        metrics: createMetrics({ processMetrics: true }),
      });
      closers.push({ part: 'the HTTP server', close: () => app.close() });
      return { ...(await listenOn(app, listen)), readOnly: true, close: closeAll };
    } catch (error) {
      await closeAll();
      throw error;
    }
  }
  const connection = queueConnection(config);
  const identity = configuredIdentity(config);
  try {
    const open = await openQueues(connection);
    closers.push({ part: 'the queues (Redis unreachable?)', close: () => open.close() });
    const queues = Object.values(open.queues);
    const redisClient = open.queues.summarize.getBackend().client;
    const metricsKey = publishedMetricsKey(connection.prefix);
    const app = await buildApp({
      ...common,
      enqueue: queueEnqueuer({
        queue: open.queues.summarize,
        store,
        identity,
        jobOptions: jobOptions({ attempts: config.PAPERBRIEF_JOB_ATTEMPTS }),
      }),
      readiness: {
        redis: redisPing(open.queues.summarize),
        store: storePing(store),
        workers: workersNotPaused(async () =>
          readPublishedMetrics(await redisClient, metricsKey, WORKER_METRICS_MAX_AGE_MS),
        ),
      },
      metrics: createMetrics({
        queueDepth: queueDepthSource(queues),
        processMetrics: true,
        onCollectError: (error) => logger.warn({ reason: describeError(error) }, 'cannot read queue depth'),
      }),
      workerMetrics: async () =>
        readPublishedMetrics(await redisClient, metricsKey, WORKER_METRICS_MAX_AGE_MS),
      queues,
    });
    closers.push({ part: 'the HTTP server', close: () => app.close() });
    return { ...(await listenOn(app, listen)), readOnly: false, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function listenOn(app: FastifyInstance, listen: ServeListen): Promise<{ url: string }> {
  await app.listen({ port: listen.port, host: listen.host });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host}:${port}` };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
