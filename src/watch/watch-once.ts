import type { Logger } from 'pino';
import type { Paper } from '../papers/paper.js';
import { fetchSourcePapers, type FetchSourceDeps } from './fetch-source-papers.js';
import { markSeen, unseenIds } from './seen-papers.js';
import type { WatchRequest } from './watch-source.js';

export interface WatchDeps extends FetchSourceDeps {
  /**
   * Where the new papers go; resolves to how many were new work (in distributed mode
   * `enqueuePapers` on the `summarize` queue, wired by `startWorkers`).
   */
  enqueue: (papers: readonly Paper[]) => Promise<{ enqueued: number }>;
  logger: Logger;
}

export interface WatchResult {
  /** Papers the source listed. */
  fetched: number;
  /** Papers not seen by an earlier poll. */
  unseen: number;
  /** Of those, summarize jobs added (the others had a job or a stored brief already). */
  enqueued: number;
}

/**
 * One poll of a `watch`: fetch the source, keep the papers no earlier poll has seen (by paper
 * id: the versionless arXiv id), enqueue them, then remember them. Polls that overlap (two
 * workers, a retried poll) still make one job per paper: job ids are deterministic.
 */
export async function watchOnce(
  request: WatchRequest,
  deps: WatchDeps,
  signal?: AbortSignal,
): Promise<WatchResult> {
  const papers = await fetchSourcePapers(request, deps, signal);
  const seenKey = `${deps.keyPrefix}:seen-papers`;
  const unseen = new Set(
    await unseenIds(
      deps.redis,
      seenKey,
      papers.map((paper) => paper.id),
    ),
  );
  const fresh = papers.filter((paper) => unseen.has(paper.id));
  const { enqueued } = await deps.enqueue(fresh);
  await markSeen(
    deps.redis,
    seenKey,
    fresh.map((paper) => paper.id),
  );
  const result = { fetched: papers.length, unseen: fresh.length, enqueued };
  deps.logger.info({ source: request.source, ...result }, 'source polled');
  return result;
}
