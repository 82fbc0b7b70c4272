import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../api-errors.js';
import { credentialFromHeader, type AccessControl, type Caller } from './access-control.js';
import { hasScope, type Scope } from './scope.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's tokens (`registerAccess`); read by `requireScope` hooks. */
    paperbriefAccess: AccessControl;
  }
  interface FastifyRequest {
    /** Who called, once a `requireScope` hook has run; null for anonymous (public read). */
    caller: Caller | null;
  }
}

/** `Basic` makes browsers ask for a password; API clients send Bearer and ignore the challenge. */
export const WWW_AUTHENTICATE = 'Basic realm="paperbrief", charset="UTF-8"';

/**
 * Makes `access` the token table of `app` and of every plugin registered in it. Call once on the
 * root instance, before routes that use `requireScope`.
 */
export function registerAccess(app: FastifyInstance, access: AccessControl): void {
  app.decorate('paperbriefAccess', access);
  app.decorateRequest('caller', null);
}

/**
 * An onRequest hook letting through callers whose token holds `scope` (or `admin`). Accepts
 * `Authorization: Bearer <token>` and HTTP Basic with the token as password (any user name).
 * Without a known token: 401 with `WWW-Authenticate: Basic realm="paperbrief"`; with a token
 * lacking the scope: 403 naming it. With PAPERBRIEF_PUBLIC_READ, `briefs:read` is open to all.
 */
export function requireScope(scope: Scope) {
  return async function checkScope(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const access = request.server.paperbriefAccess;
    const caller = access.identify(credentialFromHeader(request.headers.authorization));
    request.caller = caller ?? null;
    if (caller && hasScope(caller.scopes, scope)) return;
    if (scope === 'briefs:read' && access.publicRead) return;
    if (!caller) {
      reply.header('www-authenticate', WWW_AUTHENTICATE);
      await sendError(reply, 401, 'unauthorized', 'missing or wrong API token');
      return;
    }
    await sendError(reply, 403, 'forbidden', `this token lacks the "${scope}" scope`);
  };
}
