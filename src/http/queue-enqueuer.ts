import { briefKeyFor } from '../pipeline.js';
import { enqueuePapers, type EnqueueDeps } from '../queue/enqueue-papers.js';
import { summarizeJobId } from '../queue/job-ids.js';
import type { EnqueuePapers } from './papers-route.js';

/**
 * POST /v1/papers on the BullMQ `summarize` queue: `enqueuePapers` adds the jobs; the job ids are
 * the deterministic ones it uses (paper id + provider/model + prompt version), so a client can
 * quote them to `paperbrief jobs` and gets the same id when it sends a paper twice.
 */
export function queueEnqueuer(deps: EnqueueDeps): EnqueuePapers {
  return async (papers) => {
    const result = await enqueuePapers(papers, deps);
    return {
      enqueued: result.enqueued,
      known: result.known,
      jobIds: papers.map((paper) => summarizeJobId(briefKeyFor(paper, deps.identity))),
    };
  };
}
