import type { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { retryAfterMs } from '../retry-after.js';
import { readInput } from '../sources/index.js';
import { waitForRequestSlot } from './request-gate.js';
import { SourceFetchError } from './source-fetch-error.js';
import {
  MIN_REQUEST_INTERVAL_MS,
  watchUrl,
  type WatchRequest,
  type SourceEndpoints,
  type WatchSource,
} from './watch-source.js';

export interface FetchSourceDeps {
  /** Injectable for tests and proxies. @default globalThis.fetch */
  fetch: typeof fetch;
  endpoints: SourceEndpoints;
  /** Holds the request gate shared by every worker. */
  redis: Redis | Cluster;
  /** Prefix of the gate's key (the queue prefix). */
  keyPrefix: string;
  /** Overrides `MIN_REQUEST_INTERVAL_MS` (tests). */
  minIntervalMs?: Partial<Record<WatchSource, number>> | undefined;
  /** Per-request timeout, in milliseconds. @default 30000 */
  timeoutMs?: number | undefined;
  logger: Logger;
}

const FORMAT_OF = { 'hf-daily': 'hf-api', arxiv: 'arxiv-atom' } as const;

/**
 * Fetches a source once, politely (one request per source per interval across all workers),
 * and reads the answer with the same readers as `summarize` (hf-api, arxiv-atom). Records that
 * cannot be read are logged and skipped; the others are returned.
 * @throws SourceFetchError `source_unavailable` (retryable: 408, 429, 5xx, network; with the
 *   server's Retry-After) or `source_rejected` (not retryable: other statuses, unreadable body).
 */
export async function fetchSourcePapers(
  request: WatchRequest,
  deps: FetchSourceDeps,
  signal?: AbortSignal,
): Promise<Paper[]> {
  const url = watchUrl(request, deps.endpoints);
  const intervalMs = deps.minIntervalMs?.[request.source] ?? MIN_REQUEST_INTERVAL_MS[request.source];
  await waitForRequestSlot(deps.redis, `${deps.keyPrefix}:poll-gate:${request.source}`, intervalMs, signal);

  const timeout = AbortSignal.timeout(deps.timeoutMs ?? 30_000);
  let response: Response;
  let body: string;
  try {
    response = await deps.fetch(url, {
      headers: { accept: request.source === 'arxiv' ? 'application/atom+xml' : 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    body = await response.text();
  } catch (error) {
    throw new SourceFetchError(
      'source_unavailable',
      `${request.source}: ${url.host} did not answer: ${describeError(error)}`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  if (!response.ok) {
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new SourceFetchError(
      retryable ? 'source_unavailable' : 'source_rejected',
      `${request.source}: ${url.host} answered HTTP ${response.status}`,
      { retryable, retryAfterMs: retryAfterMs(response.headers) },
    );
  }

  const sourceName = `${request.source} ${url.host}`;
  let records;
  try {
    records = [...readInput(body, { sourceName, format: FORMAT_OF[request.source] }).records];
  } catch (error) {
    throw new SourceFetchError(
      'source_rejected',
      `${sourceName}: unreadable answer: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  const papers: Paper[] = [];
  for (const record of records) {
    if (record.kind === 'paper') papers.push(record.paper);
    else if (record.kind === 'error')
      deps.logger.warn({ reason: record.error.message }, 'skipped a record of the source');
  }
  return papers;
}
