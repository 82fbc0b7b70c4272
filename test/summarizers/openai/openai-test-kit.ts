import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import pino from 'pino';
import type { Taxonomy } from '../../../src/briefs/taxonomy.js';
import { DEFAULT_PRICES, type PriceTable } from '../../../src/cost/price-table.js';
import type { Brief } from '../../../src/briefs/brief.js';
import type { Paper } from '../../../src/papers/paper.js';
import type { PipelineDeps } from '../../../src/pipeline.js';
import type { Store } from '../../../src/stores/store.js';
import { readHfPage } from '../../../src/sources/hf-page.js';
import type { RecordResult } from '../../../src/sources/index.js';
import type { LlmMode } from '../../../src/summarizers/openai/brief-request.js';
import {
  createOpenAiSummarizer,
  type OpenAiSummarizerOptions,
} from '../../../src/summarizers/openai/openai-summarizer.js';
import { loadPromptTemplates } from '../../../src/summarizers/openai/prompt-templates.js';
import type { SummarizeContext, Summarizer } from '../../../src/summarizers/summarizer.js';
import type { FakeLlmServer } from '../../support/fake-llm-server.js';

/** The shared dev page (62 real papers) beside the project; tests reading it skip when it is absent. */
export const DEV_PAGE = fileURLToPath(
  new URL('../../../../shared/data/hf-daily-papers-page.txt', import.meta.url),
);
export const HAS_DEV_PAGE = existsSync(DEV_PAGE);

/** The dev page's records, as the hf-page reader yields them. */
export function devPageRecords(): RecordResult[] {
  return [...readHfPage(readFileSync(DEV_PAGE, 'utf8'), { sourceName: 'dev page' })];
}

/** The dev page's papers. */
export function devPagePapers(): Paper[] {
  return devPageRecords().flatMap((record) => (record.kind === 'paper' ? [record.paper] : []));
}

/** A small taxonomy for tests, so they do not depend on the bundled one's contents. */
export const TEST_TAXONOMY: Taxonomy = {
  version: 'test',
  tags: [
    { id: 'vision-transformer', kind: 'method', synonyms: ['vit'] },
    { id: 'mixture-of-experts', kind: 'method', synonyms: ['experts'] },
    { id: 'image-classification', kind: 'task', synonyms: [] },
  ],
};
export const TEST_CONTEXT: SummarizeContext = {
  taxonomy: TEST_TAXONOMY,
  allowedTags: new Set(TEST_TAXONOMY.tags.map((tag) => tag.id)),
};

export const ROUTEVIT: Paper = {
  id: '2406.04312',
  title: 'RouteViT: Sparse Expert Routing for Vision Transformers',
  abstract:
    'We propose RouteViT, a sparse mixture-of-experts router for vision transformers. RouteViT ' +
    'obtains 84.8\\% top-1 accuracy on ImageNet, 2.3\\times faster than dense ViT-B. ' +
    'Code is available at https://github.com/example/routevit.',
  source: 'jsonl',
};

export const silentLogger = pino({ level: 'silent' });

/** Pipeline deps around `summarizer` and `store`, with the test taxonomy and a silent logger. */
export function pipelineDeps(summarizer: Summarizer, store: Store): PipelineDeps {
  return {
    summarizer,
    store,
    taxonomy: TEST_TAXONOMY,
    allowedTags: TEST_CONTEXT.allowedTags,
    logger: silentLogger,
  };
}

/** The real openai client, pointed at the fake server, with the SDK's own retries off. */
export function fakeClient(server: FakeLlmServer, options: { timeoutMs?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: 'test-key',
    baseURL: server.baseUrl,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 10_000,
  });
}

export function fakeSummarizer(
  server: FakeLlmServer,
  options: Partial<Omit<OpenAiSummarizerOptions, 'client'>> & { mode?: LlmMode; timeoutMs?: number } = {},
): Summarizer {
  const { timeoutMs, ...rest } = options;
  return createOpenAiSummarizer({
    client: fakeClient(server, timeoutMs === undefined ? {} : { timeoutMs }),
    model: 'gpt-4o-mini',
    prompts: loadPromptTemplates(),
    prices: DEFAULT_PRICES as PriceTable,
    logger: silentLogger,
    ...rest,
  });
}

/** The text content of a recorded request message. */
export function messageText(message: { content?: unknown } | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

/** A brief without its provenance: what it says about the paper. */
export const contentOf = ({ provenance: _provenance, ...content }: Brief) => content;

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

/**
 * The values of a brief that its paper does not contain, counted independently of
 * `groundContent`, by the rule of the gold set: a value and its evidence must occur in the
 * abstract after NFKC and white space folding; URLs and names literally; TL;DR numbers in the text.
 */
export function ungroundedValues(brief: Brief, paper: Paper): string[] {
  const abstract = fold(paper.abstract);
  const both = fold(`${paper.title} ${paper.abstract}`);
  const stray: string[] = [];
  for (const result of brief.claimed_results) {
    if (!abstract.includes(fold(result.evidence))) stray.push(`evidence ${result.evidence}`);
    if (!fold(result.evidence).includes(fold(result.value))) stray.push(`value ${result.value}`);
  }
  if (brief.code_url !== null && !abstract.includes(brief.code_url)) stray.push(`code_url ${brief.code_url}`);
  if (brief.method_name !== null && !both.toLowerCase().includes(fold(brief.method_name).toLowerCase())) {
    stray.push(`method_name ${brief.method_name}`);
  }
  for (const number of brief.tldr.match(/\d+(?:[.,]\d+)*/g) ?? []) {
    if (!both.includes(number)) stray.push(`tldr number ${number}`);
  }
  return stray;
}
