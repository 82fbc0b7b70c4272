import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { InvalidInputError } from '../errors.js';
import type { PaperbriefMetrics } from '../metrics/create-metrics.js';
import { handleError, sendError } from './api-errors.js';
import {
  registerAccess,
  registerRateLimit,
  requireScope,
  type AccessControl,
  type RateLimitOptions,
} from './access/index.js';
import { registerBriefsRoutes, type BriefReader } from './briefs-routes.js';
import { registerFeedRoutes } from './feeds/feed-routes.js';
import { registerPageRoutes } from './page/page-routes.js';
import { registerHealthRoutes, type ReadinessCheck } from './health-routes.js';
import { registerMetricsRoute, type OtherMetrics } from './metrics-route.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { registerPapersRoute, type EnqueuePapers } from './papers-route.js';
import { registerQueueDashboard } from './queue-dashboard.js';

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
  /**
   * The API's tokens and their scopes, and whether `briefs:read` is public
   * (`createAccessControl`: PAPERBRIEF_API_TOKEN, PAPERBRIEF_API_TOKENS_FILE, PAPERBRIEF_PUBLIC_READ).
   */
  access: AccessControl;
  /** Requests per minute per token and per address (@fastify/rate-limit). */
  rateLimit?: RateLimitOptions | undefined;
  /** Most papers in one POST /v1/papers (PAPERBRIEF_API_MAX_PAPERS). @default 500 */
  maxPapers?: number | undefined;
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
 * requests (tests). Public: /healthz, /readyz, /openapi.json. Everything else needs a token with
 * the route's scope (src/http/access), as Bearer or as the password of HTTP Basic: reading briefs
 * (the page at `/`, /papers/…, /feeds/briefs.atom, GET /v1/briefs…) `briefs:read` (open to all
 * with PAPERBRIEF_PUBLIC_READ), POST /v1/papers `papers:write`, /metrics `metrics:read`, the
 * dashboard `admin`. Every request but the probes is rate limited, failed authentication
 * included. No CORS headers are sent: browsers on other origins cannot call the API.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const bodyLimitBytes = deps.bodyLimitBytes ?? 1_048_576;
  // Typed as Fastify's base logger so the instance is a plain FastifyInstance for route modules.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: bodyLimitBytes,
    // Behind a proxy the operator decides what to trust; by default the socket address is logged.
    trustProxy: false,
    return503OnClosing: true,
    // Fastify's own answers to a malformed URL or header echo the URL in a body of its own shape.
    frameworkErrors: (_error, _request, reply) =>
      void sendError(reply, 400, 'bad_request', 'the request line or a header is malformed'),
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

  registerAccess(app, deps.access);
  await registerRateLimit(app, deps.access, deps.rateLimit);
  const readOnlyReason = deps.enqueue ? undefined : (deps.readOnlyReason ?? 'REDIS_URL is not set');
  registerHealthRoutes(app, {
    checks: deps.readiness,
    timeoutMs: deps.readinessTimeoutMs ?? 2_000,
    readOnlyReason,
  });
  const openApi = buildOpenApiDocument({ version: deps.version ?? '0.0.0' });
  app.get('/openapi.json', async () => openApi);

  registerPapersRoute(app, {
    enqueue: deps.enqueue,
    readOnlyReason: readOnlyReason ?? '',
    metrics: deps.metrics,
    maxPapers: deps.maxPapers,
  });
  await app.register(async (metrics) => {
    metrics.addHook('onRequest', requireScope('metrics:read'));
    registerMetricsRoute(metrics, deps.metrics.registry, deps.workerMetrics);
  });
  await app.register(async (reading) => {
    reading.addHook('onRequest', requireScope('briefs:read'));
    registerBriefsRoutes(reading, deps.store);
    registerPageRoutes(reading, deps.store);
    registerFeedRoutes(reading, deps.store);
  });

  const queues = deps.queues;
  if (queues && queues.length > 0) {
    await app.register(async (dashboard) => {
      // The dashboard can pause, empty and add jobs: admin only.
      dashboard.addHook('onRequest', requireScope('admin'));
      await registerQueueDashboard(dashboard, queues);
    });
  }
  return app;
}
