export { fetchSourcePapers, type FetchSourceDeps } from './fetch-source-papers.js';
export { watchOnce, type WatchDeps, type WatchResult } from './watch-once.js';
export { markSeen, unseenIds } from './seen-papers.js';
export { waitForRequestSlot } from './request-gate.js';
export { SourceFetchError, type SourceFetchErrorCode } from './source-fetch-error.js';
export {
  DEFAULT_ARXIV_MAX_RESULTS,
  DEFAULT_ARXIV_QUERY,
  MIN_REQUEST_INTERVAL_MS,
  WatchRequestSchema,
  WatchSourceSchema,
  watchUrl,
  type WatchRequest,
  type SourceEndpoints,
  type WatchSource,
} from './watch-source.js';
