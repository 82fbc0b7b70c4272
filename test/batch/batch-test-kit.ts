import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchDeps } from '../../src/batch/index.js';
import { DEFAULT_PRICES, priceFor } from '../../src/cost/price-table.js';
import type { Paper } from '../../src/papers/paper.js';
import { createSqliteStore } from '../../src/stores/sqlite-store.js';
import type { Store } from '../../src/stores/store.js';
import { createOpenAiSummarizer } from '../../src/summarizers/openai/openai-summarizer.js';
import { loadPromptTemplates } from '../../src/summarizers/openai/prompt-templates.js';
import type { FakeLlmServer } from '../support/fake-llm-server.js';
import {
  TEST_CONTEXT,
  TEST_TAXONOMY,
  fakeClient,
  silentLogger,
} from '../summarizers/openai/openai-test-kit.js';

/** `count` distinct papers, each with a result value and a code URL in its abstract. */
export function backlogPapers(count: number, prefix = 'Backlog'): Paper[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `2501.${String(10_000 + index)}`,
    title: `${prefix}Net ${index}: Routing Experts for Paper ${index}`,
    abstract:
      `We present ${prefix}Net ${index}, a sparse router for vision transformers tested on benchmark suite ${index}. ` +
      `It reaches ${(50 + (index % 40)).toFixed(1)}% top-1 accuracy on ImageNet and runs ${(index % 5) + 2}x faster ` +
      `than the dense baseline. Code is at https://github.com/example/net-${index}.`,
    source: 'jsonl',
  }));
}

/** A fresh SQLite store in its own folder, and the folder's cleanup. */
export function temporaryStore(): { store: Store; path: string; cleanup: () => Promise<void> } {
  const folder = mkdtempSync(join(tmpdir(), 'pb-batch-'));
  const path = join(folder, 'briefs.db');
  const store = createSqliteStore({ path });
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Batch deps on the fake server, gpt-4o-mini list prices, the test taxonomy. */
export function batchDeps(server: FakeLlmServer, store: Store): BatchDeps {
  const client = fakeClient(server);
  return {
    store,
    client,
    summarizer: createOpenAiSummarizer({
      client,
      model: 'gpt-4o-mini',
      prompts: loadPromptTemplates(),
      prices: DEFAULT_PRICES,
      logger: silentLogger,
    }),
    taxonomy: TEST_TAXONOMY,
    allowedTags: TEST_CONTEXT.allowedTags,
    price: priceFor(DEFAULT_PRICES, 'gpt-4o-mini'),
    logger: silentLogger,
  };
}

/** Calls the fake server answered synchronously (not as batch lines). */
export const syncCalls = (server: FakeLlmServer) =>
  server.calls.filter((call) => call.headers['x-fake-batch'] === undefined);
export const batchLineCalls = (server: FakeLlmServer) =>
  server.calls.filter((call) => call.headers['x-fake-batch'] !== undefined);
