import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { credentialFromHeader, type AccessControl } from './access-control.js';

export interface RateLimitOptions {
  /** Requests per minute for each token (PAPERBRIEF_API_RATE_LIMIT). @default 600 */
  perTokenPerMinute?: number | undefined;
  /**
   * Requests per minute for each client address without a valid token: wrong tokens, missing
   * ones and public reads (PAPERBRIEF_API_ANON_RATE_LIMIT). @default 60
   */
  perAddressPerMinute?: number | undefined;
}

/** Probes call these every few seconds from one address; limiting them would fail a healthy pod. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Rate limits every request with @fastify/rate-limit, keyed by the token's name when the
 * request carries a known token, else by the client address. It runs as a root onRequest hook,
 * before any scope check, so failed authentication counts too. Over the limit: 429 with
 * Retry-After (seconds) via the app's error handler.
 */
export async function registerRateLimit(
  app: FastifyInstance,
  access: AccessControl,
  options: RateLimitOptions = {},
): Promise<void> {
  const perToken = options.perTokenPerMinute ?? 600;
  const perAddress = options.perAddressPerMinute ?? 60;
  const keyOf = (request: FastifyRequest): string => {
    const caller = access.identify(credentialFromHeader(request.headers.authorization));
    return caller ? `token:${caller.name}` : `address:${request.ip}`;
  };
  await app.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    keyGenerator: keyOf,
    max: (_request, key) => (key.startsWith('token:') ? perToken : perAddress),
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `rate limit of ${context.max} requests per minute reached; retry in ${context.after}`,
    }),
  });
  app.addHook('onRequest', app.rateLimit());
}
