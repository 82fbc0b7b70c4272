import { z } from 'zod';

/** The sources `paperbrief watch` can poll. */
export const WatchSourceSchema = z.enum(['hf-daily', 'arxiv']);
export type WatchSource = z.infer<typeof WatchSourceSchema>;

/** What one poll fetches: the data of a `poll` job (jobs outlive deploys: parsed, never cast). */
export const WatchRequestSchema = z.object({
  source: WatchSourceSchema,
  /** arXiv `search_query` (e.g. `cat:cs.CL`); hf-daily takes none. */
  query: z.string().min(1).max(500).optional(),
  /** Newest entries asked of arXiv per poll. */
  maxResults: z.number().int().positive().max(2000).optional(),
});
export type WatchRequest = z.infer<typeof WatchRequestSchema>;

/**
 * Where each source answers: the public APIs by default (PAPERBRIEF_HF_API_URL,
 * PAPERBRIEF_ARXIV_API_URL in src/config.ts); tests point them at loopback.
 */
export interface SourceEndpoints {
  'hf-daily': string;
  arxiv: string;
}

/**
 * Least time between two requests to a source, across every worker (a gate in Redis):
 * arXiv asks for no more than one request every 3 seconds; Hugging Face rate-limits its API per
 * client, and one request a second stays far below it.
 */
export const MIN_REQUEST_INTERVAL_MS: Readonly<Record<WatchSource, number>> = {
  'hf-daily': 1_000,
  arxiv: 3_000,
};

/** arXiv query used when `watch --source arxiv` has no `--query`. */
export const DEFAULT_ARXIV_QUERY = 'cat:cs.LG';
/** arXiv entries asked per poll when none is given. */
export const DEFAULT_ARXIV_MAX_RESULTS = 100;

/** The URL one poll requests. */
export function watchUrl(request: WatchRequest, endpoints: SourceEndpoints): URL {
  const url = new URL(endpoints[request.source]);
  if (request.source === 'arxiv') {
    url.searchParams.set('search_query', request.query ?? DEFAULT_ARXIV_QUERY);
    url.searchParams.set('sortBy', 'submittedDate');
    url.searchParams.set('sortOrder', 'descending');
    url.searchParams.set('start', '0');
    url.searchParams.set('max_results', String(request.maxResults ?? DEFAULT_ARXIV_MAX_RESULTS));
  }
  return url;
}
