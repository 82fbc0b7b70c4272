import { XMLParser, XMLValidator } from 'fast-xml-parser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccessControl } from '../../src/http/access/index.js';
import { buildApp } from '../../src/http/build-app.js';
import { createMetrics } from '../../src/metrics/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/sqlite-store.js';
import { briefFixture, briefFixtures } from '../support/brief-fixtures.js';

let store: SqliteStore;
let app: FastifyInstance;
let clock = Date.parse('2026-03-01T00:00:00Z');

beforeAll(async () => {
  store = createSqliteStore({ path: ':memory:', now: () => new Date((clock += 1_000)) });
  const briefs = briefFixtures(55, (index) => ({
    tags: index % 5 === 0 ? ['diffusion'] : ['robotics'],
    provenance: { created_at: new Date(Date.parse('2026-03-01T00:00:00Z') + index * 60_000).toISOString() },
  }));
  for (const brief of briefs) await store.put(brief);
  await store.put(
    briefFixture({
      paper: { id: '2407.00001', title: 'Escaping <script>alert(1)</script> & a NUL \u0000 in a title' },
      tldr: 'A brief whose title tries markup injection and carries characters XML cannot hold.',
      provenance: { created_at: '2026-03-02T00:00:00.000Z' },
    }),
  );
  app = await buildApp({
    store,
    readiness: {},
    metrics: createMetrics(),
    access: createAccessControl({ publicRead: true }),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  content: { '#text': string; '@type': string };
  link: Array<{ '@rel': string; '@href': string }>;
  category?: Array<{ '@term': string }>;
}

async function feed(query = '') {
  const response = await app.inject({
    url: `/feeds/briefs.atom${query}`,
    headers: { host: 'briefs.example:8080' },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(XMLValidator.validate(response.body)).toBe(true);
  const document = parser.parse(response.body) as { feed: Record<string, unknown> & { entry?: AtomEntry[] } };
  return document.feed;
}

describe('GET /feeds/briefs.atom', () => {
  it('is Atom 1.0 with the required feed and entry elements, latest 50 newest first', async () => {
    const atom = await feed();
    expect(atom['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const element of ['id', 'title', 'updated', 'link', 'author'])
      expect(atom[element], element).toBeDefined();
    expect(atom.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(atom.updated).toBe('2026-03-02T00:00:00.000Z');
    const links = atom.link as Array<{ '@rel': string; '@href': string }>;
    expect(links).toContainEqual(
      expect.objectContaining({ '@rel': 'self', '@href': 'http://briefs.example:8080/feeds/briefs.atom' }),
    );
    const entries = atom.entry ?? [];
    expect(entries).toHaveLength(50);
    for (const entry of entries) {
      for (const element of ['id', 'title', 'updated', 'content'] as const)
        expect(entry[element], element).toBeDefined();
      expect(entry.content['@type']).toBe('html');
      expect(entry.content['#text']).toContain('<table class="results">');
      expect(entry.link[0]?.['@href']).toMatch(/^http:\/\/briefs\.example:8080\/papers\//);
    }
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(50);
    expect(entries[0]?.title).toBe('Escaping <script>alert(1)</script> & a NUL  in a title');
    expect(entries[1]?.link[0]?.['@href']).toBe('http://briefs.example:8080/papers/2406.10054');
    const updated = entries.map((entry) => entry.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
  });

  it('filters by tag and by search, and says so in its title', async () => {
    const tagged = await feed('?tag=diffusion');
    expect(tagged.title).toBe('paperbrief briefs tagged diffusion');
    expect(tagged.entry).toHaveLength(11);
    for (const entry of tagged.entry ?? [])
      expect(entry.category?.map((category) => category['@term'])).toContain('diffusion');
    const searched = await feed('?q=markup%20injection');
    expect(searched.entry?.map((entry) => entry.link[0]?.['@href'])).toEqual([
      'http://briefs.example:8080/papers/2407.00001',
    ]);
    expect((await app.inject({ url: '/feeds/briefs.atom?tag=Not%20Kebab' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/feeds/briefs.atom?format=rss' })).statusCode).toBe(400);
  });

  it('keeps the same ids from one fetch to the next', async () => {
    const first = await feed();
    const second = await feed();
    expect(second.id).toBe(first.id);
    expect(second.entry?.map((entry) => entry.id)).toEqual(first.entry?.map((entry) => entry.id));
  });
});
