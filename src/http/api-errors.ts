import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, PaperbriefError } from '../errors.js';
import type { ErrorBody, ItemIssue } from './api-schemas.js';

/** Sends the API's one error shape: `{ "error": { "code", "message", "issues"? } }`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  issues?: ItemIssue[],
): FastifyReply {
  const body: ErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The app's error handler. Bodies carry a code and a message written here, never a foreign
 * error's message (a driver's message can hold a connection string); the error itself goes to
 * the log, whose redaction keeps tokens out.
 */
export function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  limits: { bodyLimitBytes: number },
): FastifyReply {
  const fastifyError: Partial<FastifyError> = typeof error === 'object' && error !== null ? error : {};
  const status = fastifyError.statusCode;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return sendError(
      reply,
      413,
      'body_too_large',
      `request body is larger than ${limits.bodyLimitBytes} bytes`,
    );
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return sendError(reply, 415, 'unsupported_media_type', 'send the body as application/json');
  }
  if (
    error instanceof SyntaxError ||
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  ) {
    return sendError(reply, 400, 'invalid_json', 'request body is not valid JSON');
  }
  if (status === 429) {
    // @fastify/rate-limit has set Retry-After; its message names the limit and the wait.
    const message = typeof fastifyError.message === 'string' ? fastifyError.message : 'rate limit reached';
    return sendError(reply, 429, 'rate_limited', message);
  }
  if (error instanceof PaperbriefError && error.code === 'invalid_input') {
    return sendError(reply, 400, error.code, error.message);
  }
  if (error instanceof PaperbriefError && error.retryable) {
    request.log.warn({ reason: describeError(error) }, 'dependency unavailable');
    return sendError(reply, 503, 'unavailable', 'a dependency is unavailable, try again later');
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return sendError(reply, status, 'bad_request', 'the request was refused');
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'internal', 'internal error');
}
