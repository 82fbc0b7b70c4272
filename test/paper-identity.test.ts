import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { titleHashId } from '../src/papers/paper-id.js';
import type { Paper } from '../src/papers/paper.js';
import { summarizePaper, type PipelineDeps } from '../src/pipeline.js';
import type { SqliteStore } from '../src/stores/index.js';
import { createExtractiveSummarizer } from '../src/summarizers/extractive/index.js';
import { temporaryStore } from './queue/queue-test-kit.js';

// One paper read from two sources: a Hugging Face page (no arXiv id: a title-hash id, its own
// wording of the title) and an arXiv feed or the HF API (with the arXiv id).

const taxonomy = loadTaxonomy();
const abstract =
  'We propose RouteViT, a sparse mixture-of-experts router for vision transformers. RouteViT ' +
  'obtains 84.8% top-1 accuracy on ImageNet while using half the compute of a dense ViT-B.';
const fromArxiv: Paper = {
  id: '2406.04312',
  title: 'RouteViT: Sparse Expert Routing for Vision Transformers',
  abstract,
  source: 'arxiv-atom',
};
const pageTitle = 'RouteViT:  sparse expert routing for vision transformers';
const fromPage: Paper = {
  id: titleHashId(pageTitle),
  title: pageTitle,
  abstract: `${abstract} `,
  source: 'hf-page',
};

let store: SqliteStore;
let dispose: () => Promise<void>;
beforeEach(() => {
  ({ store, dispose } = temporaryStore());
});
afterEach(() => dispose());

const deps = (): PipelineDeps => ({
  summarizer: createExtractiveSummarizer(),
  store,
  taxonomy,
  allowedTags: tagIds(taxonomy),
  logger: pino({ level: 'silent' }),
});

describe('one paper, one identity', () => {
  it('a page first, then arXiv: the brief moves to the arXiv id, the title hash stays an alias', async () => {
    expect(fromPage.id).toBe(titleHashId(fromArxiv.title)); // the normalised titles agree
    const first = await summarizePaper(fromPage, deps());
    expect(first).toMatchObject({ status: 'briefed', brief: { paper: { id: fromPage.id } } });
    const second = await summarizePaper(fromArxiv, deps());
    expect(second.status).toBe('cached');
    expect(second.knownAs).toBe(fromPage.id);
    expect(second.brief.paper.id).toBe('2406.04312');
    expect(await store.count()).toBe(1);
    expect((await store.latestForPaper(fromPage.id))?.paper.id).toBe('2406.04312');
  });

  it('arXiv first, then the page: the page finds the brief under the arXiv id, nothing is briefed again', async () => {
    await summarizePaper(fromArxiv, deps());
    const again = await summarizePaper(fromPage, deps());
    expect(again).toMatchObject({
      status: 'cached',
      knownAs: fromPage.id,
      brief: { paper: { id: '2406.04312' } },
    });
    expect(await store.count()).toBe(1);
  });

  it('a paper with another title stays its own paper', async () => {
    await summarizePaper(fromArxiv, deps());
    const other = { ...fromPage, id: titleHashId('Another paper'), title: 'Another paper' };
    expect((await summarizePaper(other, deps())).status).toBe('briefed');
    expect(await store.count()).toBe(2);
  });
});
