import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { credentialFromHeader, type AccessControl } from './access-control.js';

export interface RateLimitOptions {
  /** Requests per minute for each token (PAPERBRIEF_API_RATE_LIMIT). @default 600 */
  perTokenPerMinute?: number | undefined;
  /**
   * Requests per minute for each client address presenting a token that is not known: guessing
   * (PAPERBRIEF_API_ANON_RATE_LIMIT). @default 60
   */
  perAddressPerMinute?: number | undefined;
}

/** Probes call these every few seconds from one address; limiting them would fail a healthy pod. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Rate limits every request with @fastify/rate-limit, before any scope check: a request with a
 * known token counts against that token; one with a credential that is not a token (a guess)
 * against its address, at the stricter `perAddressPerMinute`; one without credentials (public
 * reading, or the first try of a browser, which sends the password only after the 401) against
 * its address at the token rate. Over the limit: 429 with Retry-After (seconds) via the app's
 * error handler.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  access: AccessControl,
  options: RateLimitOptions = {},
): Promise<void> {
  const perToken = options.perTokenPerMinute ?? 600;
  const perAddress = options.perAddressPerMinute ?? 60;
  const keyOf = (request: FastifyRequest): string => {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') return `open:${request.ip}`;
    const caller = access.identify(credentialFromHeader(header));
    return caller ? `token:${caller.name}` : `guess:${request.ip}`;
  };
  await app.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    max: (_request, key) => (key.startsWith('guess:') ? perAddress : perToken),
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `rate limit of ${context.max} requests per minute reached; retry in ${context.after}`,
    }),
  });
  app.addHook('onRequest', app.rateLimit());
}
