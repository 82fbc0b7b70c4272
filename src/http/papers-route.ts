import type { FastifyInstance } from 'fastify';
import type { PaperbriefMetrics } from '../metrics/create-metrics.js';
import type { Paper } from '../papers/paper.js';
import { readPaperValues } from '../sources/index.js';
import { sendError } from './api-errors.js';
import type { ItemIssue, PapersAccepted } from './api-schemas.js';

/** What the queue said about a batch of papers. */
export interface EnqueueOutcome {
  /** New summarize jobs added. */
  enqueued: number;
  /** Papers whose job or brief already existed. */
  known: number;
  /** The summarize job id of each paper, in the order given (deterministic per paper and model). */
  jobIds: string[];
}

/** Queues papers for briefing (in `paperbrief serve`: the BullMQ producer `enqueuePapers`). */
export type EnqueuePapers = (papers: readonly Paper[]) => Promise<EnqueueOutcome>;

const SOURCE_NAME = 'request body';

/** `index 3` → 3; a single object is index 0. */
function indexOf(location: string): number {
  const match = /index (\d+)/.exec(location);
  return match?.[1] ? Number(match[1]) : 0;
}

/**
 * POST /v1/papers: one paper or an array. The body is read by the same record validation as JSON
 * files. Any invalid paper refuses the whole request (400, every problem listed with its index
 * and field), so a client never has to work out which half of a batch went in.
 */
export function registerPapersRoute(
  app: FastifyInstance,
  deps: { enqueue: EnqueuePapers | undefined; readOnlyReason: string; metrics: PaperbriefMetrics },
): void {
  app.post('/v1/papers', async (request, reply) => {
    const enqueue = deps.enqueue;
    if (enqueue === undefined) {
      return sendError(
        reply,
        503,
        'read_only',
        `this server is read-only (${deps.readOnlyReason}): set REDIS_URL to queue papers`,
      );
    }
    const body: unknown = request.body;
    if (body === undefined || body === null || (typeof body !== 'object' && !Array.isArray(body))) {
      return sendError(reply, 400, 'invalid_input', 'expected a paper object or an array of papers');
    }
    if (Array.isArray(body) && body.length === 0) {
      return sendError(reply, 400, 'invalid_input', 'expected at least one paper');
    }

    const papers: Paper[] = [];
    const issues: ItemIssue[] = [];
    let duplicates = 0;
    for (const result of readPaperValues(body, { sourceName: SOURCE_NAME, source: 'http' })) {
      if (result.kind === 'paper') papers.push(result.paper);
      else if (result.kind === 'duplicate') duplicates += 1;
      else {
        const error = result.error;
        issues.push({ index: indexOf(error.location), field: error.field ?? null, message: error.message });
      }
    }
    if (issues.length > 0) {
      const count = issues.length === 1 ? '1 paper is' : `${issues.length} papers are`;
      return sendError(reply, 400, 'invalid_input', `${count} invalid; nothing was queued`, issues);
    }

    const outcome = await enqueue(papers);
    deps.metrics.papersAccepted.inc({ outcome: 'enqueued' }, outcome.enqueued);
    deps.metrics.papersAccepted.inc({ outcome: 'known' }, outcome.known);
    const accepted: PapersAccepted = {
      enqueued: outcome.enqueued,
      known: outcome.known,
      duplicates,
      jobs: papers.map((paper, index) => ({ paper_id: paper.id, job_id: outcome.jobIds[index] ?? '' })),
    };
    return reply.code(202).send(accepted);
  });
}
