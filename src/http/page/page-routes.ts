import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { TagSchema } from '../../briefs/brief.js';
import { PaperbriefError } from '../../errors.js';
import { versionlessArxivId } from '../../papers/paper-id.js';
import type { Store } from '../../stores/store.js';
import { escapeHtml } from '../../briefs/html-text.js';
import { renderLayout, PAGE_ASSETS } from './page-layout.js';
import { renderListPage } from './list-page.js';
import { renderPaperPage } from './paper-page.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

/** The store reads the page needs. */
export type PageStore = Pick<Store, 'latestForPaper' | 'list' | 'search' | 'abstractFor'>;

/** Briefs per page of the list; a search shows this many best matches. */
export const PAGE_SIZE = 30;

// A form sends empty fields as `name=`: they mean "no filter".
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);
const PageQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  tag: z.preprocess(blankToUndefined, TagSchema.optional()),
  since: z.preprocess(blankToUndefined, z.iso.date().optional()),
  cursor: z.preprocess(blankToUndefined, z.string().max(2_000).optional()),
});

// Only our own stylesheet and script; no inline code, no framing, forms post back here only.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; " +
  "base-uri 'none'; frame-ancestors 'none'";

const ASSET_VERSION = createHash('sha256').update(PAGE_STYLE).update(PAGE_SCRIPT).digest('hex').slice(0, 10);

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .type('text/html; charset=utf-8')
    .send(html);
}

function problemPage(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const main = `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/">All briefs</a></p>`;
  return sendPage(reply, status, renderLayout({ title, main, assetVersion: ASSET_VERSION }));
}

/**
 * The browse page: `/` (list, filters, search), `/papers/<id>` (one paper) and their two assets.
 * Server-rendered HTML that works without script; the caller puts the read-access hook on
 * `app` first (the assets hold no data but are registered with the pages for simplicity).
 */
export function registerPageRoutes(app: FastifyInstance, store: PageStore): void {
  app.get(PAGE_ASSETS.style, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(PAGE_STYLE),
  );
  app.get(PAGE_ASSETS.script, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(PAGE_SCRIPT),
  );

  app.get('/', async (request, reply) => {
    const parsed = PageQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? 'query';
      return problemPage(reply, 400, 'Invalid filter', `The ${field} filter is not valid.`);
    }
    const { q, tag, since, cursor } = parsed.data;
    try {
      const page = q
        ? { briefs: await store.search({ q, tag, since, limit: PAGE_SIZE }), nextCursor: null }
        : await store.list({ order: 'newest', tag, since, cursor, limit: PAGE_SIZE });
      const main = renderListPage({
        briefs: page.briefs,
        filters: { q, tag, since },
        nextCursor: page.nextCursor,
      });
      const title = q ? `Search: ${q}` : tag ? `Tagged ${tag}` : 'Latest briefs';
      return sendPage(
        reply,
        200,
        renderLayout({ title, main, query: q, tag, since, assetVersion: ASSET_VERSION }),
      );
    } catch (error) {
      if (error instanceof PaperbriefError && error.code === 'invalid_input') {
        return problemPage(reply, 400, 'Invalid search', error.message);
      }
      throw error;
    }
  });

  app.get<{ Params: { paper_id: string } }>('/papers/:paper_id', async (request, reply) => {
    const requested = request.params.paper_id.trim();
    const paperId = versionlessArxivId(requested) ?? requested;
    const brief = paperId ? await store.latestForPaper(paperId) : undefined;
    if (!brief) return problemPage(reply, 404, 'No such paper', `No brief is stored for paper ${paperId}.`);
    const abstract = await store.abstractFor(brief.provenance.input_hash);
    const main = renderPaperPage(brief, abstract);
    return sendPage(
      reply,
      200,
      renderLayout({ title: brief.paper.title, main, assetVersion: ASSET_VERSION }),
    );
  });
}
