import type { FastifyInstance } from 'fastify';
import { versionlessArxivId } from '../papers/paper-id.js';
import type { Store } from '../stores/store.js';
import { sendError } from './api-errors.js';
import { ListBriefsQuerySchema } from './api-schemas.js';
import { zodIssues } from './zod-issues.js';

/** The store reads the API and the page need. */
export type BriefReader = Pick<Store, 'latestForPaper' | 'list' | 'search' | 'abstractFor'>;

/**
 * GET /v1/briefs/:paper_id (the paper's most recent brief) and
 * GET /v1/briefs?tag=&since=&limit=&cursor=&order= (the store's pages, cursor passed through
 * opaque), or with `q=` the store's full-text search (best match first, one page).
 */
export function registerBriefsRoutes(app: FastifyInstance, store: BriefReader): void {
  app.get<{ Params: { paper_id: string } }>('/v1/briefs/:paper_id', async (request, reply) => {
    const requested = request.params.paper_id.trim();
    // `2406.04312v2` and arxiv.org URLs find the brief of `2406.04312`, as readers store it.
    const paperId = versionlessArxivId(requested) ?? requested;
    // Control characters (a NUL breaks Postgres text) are in no paper id: nothing to look up.
    const lookable = paperId !== '' && ![...paperId].some((char) => char.charCodeAt(0) < 0x20);
    const brief = lookable ? await store.latestForPaper(paperId) : undefined;
    if (!brief) return sendError(reply, 404, 'not_found', `no brief for paper ${JSON.stringify(paperId)}`);
    return brief;
  });

  app.get('/v1/briefs', async (request, reply) => {
    const parsed = ListBriefsQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const detail = zodIssues(parsed.error)
        .map((issue) => `${issue.field ?? 'query'}: ${issue.message}`)
        .join('; ');
      return sendError(reply, 400, 'invalid_query', `invalid query: ${detail}`);
    }
    const { q, ...query } = parsed.data;
    if (q !== undefined) {
      if (query.cursor !== undefined) {
        return sendError(reply, 400, 'invalid_query', 'invalid query: cursor: a search has a single page');
      }
      const briefs = await store.search({ q, tag: query.tag, since: query.since, limit: query.limit });
      return { briefs, next_cursor: null };
    }
    const page = await store.list(query);
    return { briefs: page.briefs, next_cursor: page.nextCursor };
  });
}
