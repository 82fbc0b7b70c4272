import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TagSchema } from '../../briefs/brief.js';
import type { Store } from '../../stores/store.js';
import { sendError } from '../api-errors.js';
import { listHref, paperPath } from '../page/list-page.js';
import { zodIssues } from '../zod-issues.js';
import { FEED_SIZE, renderAtomFeed } from './atom-feed.js';

/** Where the feed is served. */
export const FEED_PATH = '/feeds/briefs.atom';

const FeedQuerySchema = z.strictObject({
  tag: TagSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
});

/**
 * GET /feeds/briefs.atom[?tag=…][&q=…]: the latest FEED_SIZE briefs (or the best matches of a
 * search) as Atom 1.0. The caller puts the read-access hook on `app` first.
 */
export function registerFeedRoutes(app: FastifyInstance, store: Pick<Store, 'list' | 'search'>): void {
  app.get(FEED_PATH, async (request, reply) => {
    const parsed = FeedQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const detail = zodIssues(parsed.error)
        .map((issue) => `${issue.field ?? 'query'}: ${issue.message}`)
        .join('; ');
      return sendError(reply, 400, 'invalid_query', `invalid query: ${detail}`);
    }
    const { tag, q } = parsed.data;
    const briefs = q
      ? await store.search({ q, tag, limit: FEED_SIZE })
      : (await store.list({ order: 'newest', tag, limit: FEED_SIZE })).briefs;
    const origin = `${request.protocol}://${request.host}`;
    const subtitle = [tag ? `tagged ${tag}` : '', q ? `matching "${q}"` : ''].filter(Boolean).join(', ');
    const query = new URLSearchParams(
      Object.entries({ tag, q }).filter((pair): pair is [string, string] => !!pair[1]),
    );
    const feed = renderAtomFeed({
      briefs,
      selfUrl: `${origin}${FEED_PATH}${query.size > 0 ? `?${query}` : ''}`,
      pageUrl: `${origin}${listHref({ tag, q })}`,
      paperUrl: (paperId) => `${origin}${paperPath(paperId)}`,
      subtitle: subtitle || undefined,
    });
    return reply.type('application/atom+xml; charset=utf-8').send(feed);
  });
}
