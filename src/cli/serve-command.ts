import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config.js';
import { createConfiguredSummarizer, openConfiguredStore } from '../deps.js';
import { ConfigError } from '../errors.js';
import { buildApp } from '../http/build-app.js';
import { queueEnqueuer } from '../http/queue-enqueuer.js';
import { DASHBOARD_PATH } from '../http/queue-dashboard.js';
import { redisPing, storePing } from '../http/readiness-checks.js';
import {
  createMetrics,
  publishedMetricsKey,
  queueDepthSource,
  readPublishedMetrics,
} from '../metrics/index.js';
import { packagePath } from '../package-root.js';
import { jobOptions, openQueues, requireRedisUrl } from '../queue/index.js';
import type { CliContext } from './cli-context.js';
import { addStoreOption, configOverrides, createCliLogger, type ConfigFlags } from './config-flags.js';

/** Worker snapshots older than this are left out of /metrics (workers publish every 10 s). */
const WORKER_METRICS_MAX_AGE_MS = 60_000;

interface ServeOptions extends ConfigFlags {
  port?: number;
  host: string;
}

export interface ServeListen {
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
}

export interface RunningServer {
  /** `http://host:port` actually bound. */
  url: string;
  /** Stops accepting requests, lets those in flight finish, closes queues and store. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP API from a Config: the configured store, the BullMQ queues on REDIS_URL, the
 * same summarizer identity as the workers (job ids and "already briefed" checks depend on it),
 * metrics with live queue depth, and the dashboard.
 * @throws ConfigError when PAPERBRIEF_API_TOKEN or REDIS_URL is missing or the token is short;
 *   errors from Redis or the store when they cannot be reached.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  listen: ServeListen,
): Promise<RunningServer> {
  const apiToken = config.PAPERBRIEF_API_TOKEN;
  if (apiToken === undefined) {
    throw new ConfigError(
      'PAPERBRIEF_API_TOKEN is not set: the API refuses to run without a token. ' +
        'Set it to a long random string, e.g. PAPERBRIEF_API_TOKEN=$(openssl rand -hex 32)',
    );
  }
  const redisUrl = requireRedisUrl(config);
  const summarizer = createConfiguredSummarizer(config, logger);
  const store = await openConfiguredStore(config, logger);
  const closers: Array<() => Promise<void>> = [() => store.close()];
  // Last opened, first closed; a second call finds nothing left to close.
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const open = await openQueues({ redisUrl, prefix: config.PAPERBRIEF_QUEUE_PREFIX });
    closers.push(() => open.close());
    const queues = Object.values(open.queues);
    const redisClient = open.queues.summarize.getBackend().client;
    const metricsKey = publishedMetricsKey(config.PAPERBRIEF_QUEUE_PREFIX);
    const app = await buildApp({
      store,
      enqueue: queueEnqueuer({
        queue: open.queues.summarize,
        store,
        summarizer,
        jobOptions: jobOptions({ attempts: config.PAPERBRIEF_JOB_ATTEMPTS }),
      }),
      readiness: { redis: redisPing(open.queues.summarize), store: storePing(store) },
      metrics: createMetrics({
        queueDepth: queueDepthSource(queues),
        processMetrics: true,
        onCollectError: (error) => logger.warn({ err: error }, 'cannot read queue depth'),
      }),
      workerMetrics: async () =>
        readPublishedMetrics(await redisClient, metricsKey, WORKER_METRICS_MAX_AGE_MS),
      queues,
      apiToken,
      logger,
      version: packageVersion(),
    });
    closers.push(() => app.close());
    await app.listen({ port: listen.port, host: listen.host });
    const address = app.server.address();
    const port = address && typeof address === 'object' ? address.port : listen.port;
    const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
    return { url: `http://${host}:${port}`, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** `paperbrief serve [--port N] [--host ADDRESS]`: runs the HTTP API until SIGINT/SIGTERM. */
export function registerServeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('serve')
    .description('run the HTTP API: queue papers, read briefs, /metrics, the queue dashboard')
    .option('--port <n>', 'port to listen on (env PORT; default 8080)', parsePort)
    .option('--host <address>', 'address to listen on (127.0.0.1 keeps it to this machine)', '0.0.0.0')
    .addHelpText(
      'after',
      `
Needs PAPERBRIEF_API_TOKEN (clients send "Authorization: Bearer <token>"; the dashboard at
${DASHBOARD_PATH} takes it as the password of HTTP Basic) and REDIS_URL.

Examples:
  $ PAPERBRIEF_API_TOKEN=$(openssl rand -hex 32) REDIS_URL=redis://127.0.0.1:6379 paperbrief serve
  $ paperbrief serve --port 9000 --host 127.0.0.1 --db ./briefs.db`,
    )
    .action(async (options: ServeOptions) => {
      const config = loadConfig(undefined, { ...configOverrides(options), PORT: options.port?.toString() });
      const logger = createCliLogger(config, context.stderr);
      const server = await startServer(config, logger, { port: config.PORT, host: options.host });
      logger.info(
        { url: server.url, dashboard: `${server.url}${DASHBOARD_PATH}` },
        'paperbrief API listening',
      );
      await stopped(context.stopSignal);
      logger.info('shutting down: finishing requests in flight');
      await server.close();
    });
  addStoreOption(command);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new InvalidArgumentError('expected a port, 1 to 65535');
  return port;
}

function stopped(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}
