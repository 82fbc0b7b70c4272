import { PaperbriefError, type PaperbriefErrorOptions } from '../errors.js';

/**
 * Why one poll of a watched source failed:
 * - `source_unavailable`: no answer, or HTTP 408, 429, 5xx (retryable, after the Retry-After);
 * - `source_rejected`: another status, or an answer the readers cannot read (not retried).
 */
export type SourceFetchErrorCode = 'source_unavailable' | 'source_rejected';

/** A watched source could not be fetched or read; `code` says why, `retryable` whether to try again. */
export class SourceFetchError extends PaperbriefError {
  override readonly name = 'SourceFetchError';
  declare readonly code: SourceFetchErrorCode;

  constructor(code: SourceFetchErrorCode, message: string, options: PaperbriefErrorOptions = {}) {
    super(code, message, options);
  }
}
