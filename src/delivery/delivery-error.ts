import { PaperbriefError, type PaperbriefErrorOptions } from '../errors.js';

/**
 * Why one webhook delivery attempt did not deliver:
 * - `webhook_failed`: the receiver failed or did not answer (retryable, on the webhook schedule);
 * - `endpoint_gone`: it answered 410 Gone (the endpoint is disabled; not retried);
 * - `webhook_refused`: another 4xx, or an address the policy refuses (not retried);
 * - `endpoint_unknown`: the job names an endpoint no longer configured (not retried).
 */
export type DeliveryErrorCode = 'webhook_failed' | 'endpoint_gone' | 'webhook_refused' | 'endpoint_unknown';

/** A webhook delivery attempt that did not deliver; `code` says why, `retryable` whether to try again. */
export class DeliveryError extends PaperbriefError {
  override readonly name = 'DeliveryError';
  declare readonly code: DeliveryErrorCode;

  constructor(code: DeliveryErrorCode, message: string, options: PaperbriefErrorOptions = {}) {
    super(code, message, options);
  }
}
