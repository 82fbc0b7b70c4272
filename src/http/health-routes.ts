import type { FastifyInstance } from 'fastify';
import type { Readiness } from './api-schemas.js';
import { describeError } from '../errors.js';

/** A dependency check for /readyz: resolves when the dependency answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

export interface HealthRoutesOptions {
  /** Named checks, e.g. `{ redis: () => redis.ping(), store: () => store.count() }`. */
  checks: Readonly<Record<string, ReadinessCheck>>;
  /** How long one check may take before it counts as failed, in milliseconds. */
  timeoutMs: number;
  /** Set when the server runs read-only: /readyz says so, with this reason. */
  readOnlyReason?: string | undefined;
}

function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([Promise.resolve().then(check), timeout]).finally(() => clearTimeout(timer));
}

/**
 * GET /healthz (the process answers; no dependency is asked) and GET /readyz (every check answers
 * within the timeout, else 503). Failures are logged, never put in the body.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRoutesOptions): void {
  app.get('/healthz', async () => ({ status: 'ok' as const }));

  app.get('/readyz', async (request, reply) => {
    const names = Object.keys(options.checks);
    const outcomes = await Promise.allSettled(
      names.map((name) => withTimeout(options.checks[name] as ReadinessCheck, options.timeoutMs)),
    );
    const body: Readiness = { status: 'ready', checks: {} };
    if (options.readOnlyReason !== undefined) {
      body.mode = 'read-only';
      body.note = options.readOnlyReason;
    }
    outcomes.forEach((outcome, index) => {
      const name = names[index] as string;
      if (outcome.status === 'fulfilled') {
        body.checks[name] = 'ok';
        return;
      }
      body.status = 'unavailable';
      body.checks[name] = 'failed';
      // An outage is expected here, many times: its reason, not a stack per probe.
      request.log.warn({ check: name, reason: describeError(outcome.reason) }, 'readiness check failed');
    });
    return reply.code(body.status === 'ready' ? 200 : 503).send(body);
  });
}
