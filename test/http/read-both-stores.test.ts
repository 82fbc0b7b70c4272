import { XMLParser, XMLValidator } from 'fast-xml-parser';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { collectDigest, digestHtml, digestMarkdown, groupDigest } from '../../src/digest/index.js';
import { createAccessControl } from '../../src/http/access/index.js';
import { buildApp } from '../../src/http/build-app.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createPostgresStore } from '../../src/stores/postgres-store.js';
import { createSqliteStore } from '../../src/stores/sqlite-store.js';
import type { Store } from '../../src/stores/store.js';
import { briefFixture } from '../support/brief-fixtures.js';
import {
  POSTGRES_REQUIRED,
  TEST_DATABASE_URL,
  dropSchemas,
  postgresUnavailableReason,
  throwawaySchemaName,
} from '../stores/postgres-test-database.js';

/** Search, the feed, the page and the digest over each store: the same answers from both. */

const unavailable = await postgresUnavailableReason();
const schemas: string[] = [];
afterAll(() => dropSchemas(schemas));

const stores: Array<[string, (now: () => Date) => Promise<Store>]> = [
  ['sqlite', async (now) => createSqliteStore({ path: ':memory:', now })],
];
if (!unavailable || POSTGRES_REQUIRED) {
  stores.push([
    'postgres',
    async (now) => {
      const schema = throwawaySchemaName('read');
      schemas.push(schema);
      return createPostgresStore({ connectionString: TEST_DATABASE_URL, schema, now });
    },
  ]);
} else {
  console.warn(`postgres read tests skipped: ${unavailable}`);
}

const papers = [
  briefFixture({
    paper: {
      id: '2501.00001',
      title: 'Fast Video Diffusion with Sparse Attention',
      published_at: '2025-12-30',
    },
    tldr: 'SparseVid speeds up video diffusion models by pruning attention between distant frames.',
    tags: ['diffusion', 'video'],
    provenance: { created_at: '2026-03-01T00:00:00.000Z' },
  }),
  briefFixture({
    paper: { id: '2501.00002', title: 'Grasping Policies from Human Videos', published_at: '2025-11-02' },
    tldr: 'We train robot grasping policies from human videos and transfer them to real robot arms.',
    tags: ['robotics'],
    provenance: { created_at: '2026-03-02T00:00:00.000Z' },
  }),
  briefFixture({ provenance: { created_at: '2026-03-03T00:00:00.000Z' } }),
];

describe.each(stores)('reading briefs from %s', (_name, open) => {
  it('searches, serves the feed and the page, and makes the digest', async () => {
    let clock = Date.parse('2026-03-01T00:00:00Z');
    const store = await open(() => new Date((clock += 60_000)));
    const app = await buildApp({
      store,
      readiness: {},
      metrics: createMetrics(),
      access: createAccessControl({ publicRead: true }),
      logger: pino({ level: 'silent' }),
    });
    try {
      for (const brief of papers) await store.put(brief, { abstract: `${brief.tldr} More text.` });

      const searched = (await app.inject({ url: '/v1/briefs?q=video&tag=robotics' })).json() as {
        briefs: Array<{ paper: { id: string } }>;
      };
      expect(searched.briefs.map((brief) => brief.paper.id)).toEqual(['2501.00002']);
      const newest = (await app.inject({ url: '/v1/briefs?order=newest&limit=2' })).json() as {
        briefs: Array<{ paper: { id: string } }>;
        next_cursor: string;
      };
      expect(newest.briefs.map((brief) => brief.paper.id)).toEqual(['2406.04312', '2501.00002']);
      expect(
        (await app.inject({ url: `/v1/briefs?order=newest&cursor=${newest.next_cursor}` })).json(),
      ).toMatchObject({
        briefs: [{ paper: { id: '2501.00001' } }],
        next_cursor: null,
      });

      const feed = await app.inject({ url: '/feeds/briefs.atom?q=sparse' });
      expect(XMLValidator.validate(feed.body)).toBe(true);
      const entries = new XMLParser({ isArray: (name) => name === 'entry' }).parse(feed.body).feed
        .entry as Array<{ title: string }>;
      expect(entries.map((entry) => entry.title)).toEqual([
        'Fast Video Diffusion with Sparse Attention',
        papers[2]?.paper.title,
      ]);

      const page = await app.inject({ url: '/?q=grasping' });
      expect(page.body).toContain('href="/papers/2501.00002"');
      expect(page.body).not.toContain('href="/papers/2501.00001"');
      const paper = await app.inject({ url: '/papers/2501.00001' });
      expect(paper.body).toContain(
        'SparseVid speeds up video diffusion models by pruning attention between distant frames. More text.',
      );

      const digest = await collectDigest(store, { since: '2026-03-01T00:02:00Z' });
      expect(digest.map((brief) => brief.paper.id)).toEqual(['2406.04312', '2501.00002']);
      const published = await collectDigest(store, { since: '2026-01-01', publishedSince: '2025-12-01' });
      expect(published.map((brief) => brief.paper.id)).toEqual(['2501.00001']); // RouteViT: 2024-06-06
      const byTag = groupDigest(await collectDigest(store, { since: '2026-01-01' }), 'tag');
      expect(byTag.map((section) => section.title)).toEqual(['diffusion', 'mixture-of-experts', 'robotics']);
      const markdown = digestMarkdown({ heading: '3 briefs', sections: byTag, grouping: 'tag' });
      expect(markdown).toContain(
        '### [Grasping Policies from Human Videos](https://arxiv.org/abs/2501.00002)',
      );
      expect(markdown).toContain('- **84.8\\\\%** top-1 accuracy on ImageNet');
      const html = digestHtml({ heading: '3 briefs', sections: byTag, grouping: 'tag' });
      expect(html).not.toMatch(/<script|<style|<link/);
      expect(html).toContain('<h2 style=');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
