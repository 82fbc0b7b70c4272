import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './api-errors.js';

/** Tells whether a presented credential is the API token, in constant time. */
export type TokenVerifier = (presented: string | undefined) => boolean;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * A verifier for `token`. Both sides are hashed first: timingSafeEqual needs equal lengths, and
 * comparing digests leaks neither the token's length nor how many leading characters matched.
 */
export function createTokenVerifier(token: string): TokenVerifier {
  const expected = digest(token);
  return (presented) => presented !== undefined && timingSafeEqual(digest(presented), expected);
}

/**
 * The credential in an Authorization header: the token of `Bearer <token>`, or the password of
 * `Basic base64(user:password)` (what a browser sends for the dashboard; the user name is ignored).
 */
export function credentialFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(bearer|basic)\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !match[2]) return undefined;
  if (match[1].toLowerCase() === 'bearer') return match[2];
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/**
 * An onRequest hook refusing requests without the token with 401. `challenge` picks the
 * WWW-Authenticate scheme: `Basic` makes browsers ask for a password (the dashboard).
 */
export function requireToken(verify: TokenVerifier, challenge: 'Bearer' | 'Basic') {
  const wwwAuthenticate = `${challenge} realm="paperbrief"`;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (verify(credentialFromHeader(request.headers.authorization))) return;
    reply.header('www-authenticate', wwwAuthenticate);
    await sendError(reply, 401, 'unauthorized', 'missing or wrong API token');
  };
}
