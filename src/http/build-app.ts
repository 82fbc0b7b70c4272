import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ConfigError, InvalidInputError } from '../errors.js';
import type { PaperbriefMetrics } from '../metrics/create-metrics.js';
import { handleError, sendError } from './api-errors.js';
import { createTokenVerifier, requireToken } from './api-token.js';
import { registerBriefsRoutes, type BriefReader } from './briefs-routes.js';
import { registerFeedRoutes } from './feeds/feed-routes.js';
import { registerPageRoutes } from './page/page-routes.js';
import { requireReadAccess, tokenReadAccess } from './read-access.js';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';
import { registerMetricsRoute, type OtherMetrics } from './metrics-route.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { registerPapersRoute, type EnqueuePapers } from './papers-route.js';
import { registerQueueDashboard } from './queue-dashboard.js';

/** Shortest API token accepted: anything shorter is guessable. */
export const MIN_API_TOKEN_LENGTH = 16;

export interface AppDeps {
  /** Where briefs are read from. */
  store: BriefReader;
  /**
   * Queues papers for briefing (POST /v1/papers). Without it the server is read-only: the page,
   * feeds and GET routes work, POST /v1/papers answers 503 naming `readOnlyReason`.
   */
  enqueue?: EnqueuePapers | undefined;
  /** Why there is no `enqueue`, for the 503 and /readyz. @default 'REDIS_URL is not set' */
  readOnlyReason?: string | undefined;
  /** /readyz checks by name, e.g. `{ redis, store }`; each resolves when its dependency answers. */
  readiness: Readonly<Record<string, ReadinessCheck>>;
  /** Served at /metrics; POST /v1/papers counts into it. */
  metrics: PaperbriefMetrics;
  /** The workers' metric snapshots, summed into /metrics (`readPublishedMetrics`). */
  workerMetrics?: OtherMetrics | undefined;
  /** Queues shown by the dashboard at /admin/queues; no dashboard without them. */
  queues?: readonly Queue[] | undefined;
  /** The bearer token every client presents (PAPERBRIEF_API_TOKEN); optional only with `publicRead`. */
  apiToken?: string | undefined;
  /** PAPERBRIEF_PUBLIC_READ=1: the page, the feeds and GET /v1/briefs… need no token. @default false */
  publicRead?: boolean | undefined;
  /** Request logs go here; its redaction keeps the Authorization header out. */
  logger: Logger;
  /** Largest request body, in bytes; larger bodies get 413. @default 1_048_576 (1 MiB) */
  bodyLimitBytes?: number | undefined;
  /** How long each readiness check may take, in milliseconds. @default 2000 */
  readinessTimeoutMs?: number | undefined;
  /** Goes into the OpenAPI document's `info.version`. @default '0.0.0' */
  version?: string | undefined;
}

/**
 * Builds the HTTP API without starting it: the caller listens (`paperbrief serve`) or injects
 * requests (tests). Public: /healthz, /readyz, /openapi.json. Reading briefs (the page at `/`,
 * /papers/…, /feeds/briefs.atom, GET /v1/briefs…) needs the token, as Bearer or as the password
 * of HTTP Basic, unless `publicRead`; everything else needs the token. No CORS headers are
 * sent: browsers on other origins cannot call the API.
 * @throws ConfigError when the token is shorter than MIN_API_TOKEN_LENGTH, or missing without
 *   `publicRead`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const publicRead = deps.publicRead ?? false;
  if (deps.apiToken === undefined ? !publicRead : deps.apiToken.length < MIN_API_TOKEN_LENGTH) {
    throw new ConfigError(`the API token must have at least ${MIN_API_TOKEN_LENGTH} characters`);
  }
  const bodyLimitBytes = deps.bodyLimitBytes ?? 1_048_576;
  // Typed as Fastify's base logger so the instance is a plain FastifyInstance for route modules.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: bodyLimitBytes,
    // Behind a proxy the operator decides what to trust; by default the socket address is logged.
    trustProxy: false,
    return503OnClosing: true,
  });

  // JSON only: a text/plain body gets 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');
  // Fastify's JSON parser decodes bad bytes as U+FFFD and would queue a mangled paper; refuse
  // them as the file readers do, then parse with the default parser (prototype-poisoning checks).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      done(new InvalidInputError('request body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply, { bodyLimitBytes }));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `no route for ${request.method} ${request.url.split('?')[0]}`),
  );

  const readOnlyReason = deps.enqueue ? undefined : (deps.readOnlyReason ?? 'REDIS_URL is not set');
  registerHealthRoutes(app, {
    checks: deps.readiness,
    timeoutMs: deps.readinessTimeoutMs ?? 2_000,
    readOnlyReason,
  });
  const openApi = buildOpenApiDocument({ version: deps.version ?? '0.0.0' });
  app.get('/openapi.json', async () => openApi);

  // Without a token (public reading only), no credential opens the token-only routes.
  const verify = deps.apiToken === undefined ? () => false : createTokenVerifier(deps.apiToken);
  await app.register(async (api) => {
    api.addHook('onRequest', requireToken(verify, 'Bearer'));
    registerPapersRoute(api, {
      enqueue: deps.enqueue,
      readOnlyReason: readOnlyReason ?? '',
      metrics: deps.metrics,
    });
    registerMetricsRoute(api, deps.metrics.registry, deps.workerMetrics);
  });
  await app.register(async (reading) => {
    reading.addHook('onRequest', requireReadAccess(tokenReadAccess(verify, publicRead)));
    registerBriefsRoutes(reading, deps.store);
    registerPageRoutes(reading, deps.store);
    registerFeedRoutes(reading, deps.store);
  });

  const queues = deps.queues;
  if (queues && queues.length > 0) {
    await app.register(async (dashboard) => {
      dashboard.addHook('onRequest', requireToken(verify, 'Basic'));
      await registerQueueDashboard(dashboard, queues);
    });
  }
  return app;
}
