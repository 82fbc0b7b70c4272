import { PaperbriefError } from '../errors.js';
import { briefKeyFor } from '../pipeline.js';
import { enqueuePapers, type EnqueueDeps } from '../queue/enqueue-papers.js';
import { findPaperConflicts } from '../queue/find-paper-conflicts.js';
import { summarizeJobId } from '../queue/job-ids.js';
import type { EnqueuePapers } from './papers-route.js';

/**
 * POST /v1/papers on the BullMQ `summarize` queue: `enqueuePapers` adds the jobs; the job ids are
 * the deterministic ones it uses (paper id + provider/model + prompt version), so a client can
 * quote them to `paperbrief jobs` and gets the same id when it sends a paper twice.
 * A paper known under its id with other text is a conflict and nothing is queued, unless the
 * request replaces (admin): then a finished job of that paper is removed so the new text is queued.
 */
export function queueEnqueuer(deps: EnqueueDeps): EnqueuePapers {
  const enqueue = enqueueChecked(deps);
  return async (papers, request) => {
    try {
      return await enqueue(papers, request);
    } catch (error) {
      if (error instanceof PaperbriefError) throw error;
      // Redis refusing commands (down, offline queue disabled): the client should come back
      // later, so the API answers 503, not 500.
      throw new PaperbriefError('queue_unavailable', 'the queue (Redis) is unavailable', {
        retryable: true,
        cause: error,
      });
    }
  };
}

function enqueueChecked(deps: EnqueueDeps): EnqueuePapers {
  return async (papers, request) => {
    const jobIds = papers.map((paper) => summarizeJobId(briefKeyFor(paper, deps.identity)));
    const conflicts = await findPaperConflicts(papers, jobIds, deps);
    if (conflicts.length > 0 && !request.replace) {
      return {
        enqueued: 0,
        known: 0,
        jobIds,
        conflicts: conflicts.map((index) => ({ index, paperId: papers[index]?.id ?? '' })),
      };
    }
    // A job still running keeps its lock and is not removed (BullMQ refuses): it is then "known".
    for (const index of conflicts) await deps.queue.remove(jobIds[index] ?? '').catch(() => 0);
    const result = await enqueuePapers(papers, deps, { submittedBy: request.submittedBy });
    return { enqueued: result.enqueued, known: result.known, jobIds, conflicts: [] };
  };
}
