import type { FastifyInstance } from 'fastify';
import type { PaperbriefMetrics } from '../metrics/create-metrics.js';
import type { Paper } from '../papers/paper.js';
import { readPaperValues } from '../sources/index.js';
import { hasScope, requireScope } from './access/index.js';
import { sendError } from './api-errors.js';
import type { ItemIssue, PapersAccepted } from './api-schemas.js';

/** A paper whose id is already known with a different title or abstract. */
export interface PaperConflict {
  /** Position in the request body. */
  index: number;
  paperId: string;
}

/** What the queue said about a batch of papers. */
export interface EnqueueOutcome {
  /** New summarize jobs added. */
  enqueued: number;
  /** Papers whose job or brief already existed. */
  known: number;
  /** The summarize job id of each paper, in the order given (deterministic per paper and model). */
  jobIds: string[];
  /** Papers refused as conflicts; when any, nothing was enqueued. */
  conflicts: PaperConflict[];
}

export interface EnqueueRequest {
  /** The name of the token that sent the papers: kept with each job. */
  submittedBy: string;
  /** Queue papers even when their id is known with another title or abstract (admin only). */
  replace: boolean;
}

/**
 * Queues papers for briefing (in `paperbrief serve`: the BullMQ producer `enqueuePapers`). A paper
 * whose id is known with a different title or abstract is a conflict unless `replace`: then
 * nothing of the batch is queued.
 */
export type EnqueuePapers = (papers: readonly Paper[], request: EnqueueRequest) => Promise<EnqueueOutcome>;

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
  deps: {
    enqueue: EnqueuePapers | undefined;
    readOnlyReason: string;
    metrics: PaperbriefMetrics;
    /** Most papers per request (PAPERBRIEF_API_MAX_PAPERS); more gets 413. @default 500 */
    maxPapers?: number | undefined;
  },
): void {
  const maxPapers = deps.maxPapers ?? 500;
  app.post('/v1/papers', { onRequest: requireScope('papers:write') }, async (request, reply) => {
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
    // Every paper is an LLM call: a cap keeps one request from ordering thousands of them.
    if (Array.isArray(body) && body.length > maxPapers) {
      return sendError(
        reply,
        413,
        'too_many_papers',
        `${body.length} papers in one request; at most ${maxPapers} (PAPERBRIEF_API_MAX_PAPERS); nothing was queued`,
      );
    }
    const query = request.query as Record<string, unknown> | undefined;
    const replace = query?.['replace'] === 'true';
    const caller = request.caller;
    if (replace && !(caller && hasScope(caller.scopes, 'admin'))) {
      return sendError(reply, 403, 'forbidden', 'replacing a known paper needs the "admin" scope');
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

    const submittedBy = caller?.name ?? 'anonymous';
    const outcome = await enqueue(papers, { submittedBy, replace });
    if (outcome.conflicts.length > 0) {
      const conflicts = outcome.conflicts.map((conflict) => ({
        index: conflict.index,
        field: null,
        message: `paper ${conflict.paperId} is already known with a different title or abstract`,
      }));
      request.log.warn(
        { tokenName: submittedBy, conflicts: conflicts.length },
        'papers refused: id conflict',
      );
      return sendError(
        reply,
        409,
        'paper_conflict',
        `${conflicts.length} paper(s) conflict with known papers; nothing was queued`,
        conflicts,
      );
    }
    request.log.info(
      { tokenName: submittedBy, enqueued: outcome.enqueued, known: outcome.known },
      'papers accepted',
    );
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
