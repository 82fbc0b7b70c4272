import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './api-errors.js';
import { credentialFromHeader, type TokenVerifier } from './api-token.js';

/**
 * Who may read briefs (the page, the feeds, GET /v1/briefs…). A seam of one decision: today
 * the single PAPERBRIEF_API_TOKEN or PAPERBRIEF_PUBLIC_READ=1; scoped tokens
 * (`requireScope('briefs:read')`, issue 10) replace `mayRead` without touching the routes.
 */
export interface ReadAccess {
  /** Everyone may read (PAPERBRIEF_PUBLIC_READ=1). */
  publicRead: boolean;
  /** True when the request carries a credential allowed to read briefs. */
  mayRead(request: FastifyRequest): boolean;
}

/** Read access by the API token, as Bearer or as the password of HTTP Basic (any user name). */
export function tokenReadAccess(verify: TokenVerifier, publicRead: boolean): ReadAccess {
  return {
    publicRead,
    mayRead: (request) => publicRead || verify(credentialFromHeader(request.headers.authorization)),
  };
}

/**
 * An onRequest hook refusing readers without access with 401 and a Basic challenge, so a browser
 * asks for the token as a password (browsers cannot send bearer headers); clients may still
 * send `Authorization: Bearer`.
 */
export function requireReadAccess(access: ReadAccess) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (access.mayRead(request)) return;
    reply.header('www-authenticate', 'Basic realm="paperbrief", charset="UTF-8"');
    await sendError(reply, 401, 'unauthorized', 'missing or wrong API token');
  };
}
