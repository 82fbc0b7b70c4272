import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, tagIds } from '../../src/briefs/taxonomy.js';
import { collectBatch, submitBatch } from '../../src/batch/index.js';
import { batchPrice, loadPriceTable, priceFor } from '../../src/cost/price-table.js';
import { loadTokenCounter } from '../../src/cost/token-counter.js';
import { FALLBACK_ORDER, buildFixedPrompt } from '../../src/summarizers/openai/brief-request.js';
import { loadPromptTemplates } from '../../src/summarizers/openai/prompt-templates.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { backlogPapers, batchDeps, temporaryStore } from './batch-test-kit.js';

describe('prices of batches and cached tokens', () => {
  let server: FakeLlmServer | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('a batch answer costs the batch price, its repair call the list price; cached tokens at the cached rates', async () => {
    server = await startFakeLlmServer({
      usage: () => ({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 400 }),
      script: (call) => (call.headers['x-fake-batch'] !== undefined ? 'invalid-json' : 'valid'),
    });
    const { store, cleanup } = temporaryStore();
    cleanups.push(cleanup);
    const deps = batchDeps(server, store);
    const [batch] = (await submitBatch(backlogPapers(1), deps)).batches;
    await server.batch.process(batch!.providerBatchId!);
    await collectBatch(batch!.id, deps);
    const brief = (await store.list()).briefs[0]!;
    // Batch: 600 × 0.075 + 400 × 0.0375 + 200 × 0.3 = 120 µ$; repair: 600 × 0.15 + 400 × 0.075 + 200 × 0.6 = 240 µ$.
    expect(brief.provenance.usage).toEqual({
      prompt_tokens: 2000,
      completion_tokens: 400,
      cached_tokens: 800,
      cost_usd: 0.00036,
    });
    expect(brief.provenance.attempts).toBe(2);
  });

  it('batch prices default to half the list prices; a price file may set its own', () => {
    const list = priceFor(loadPriceTable(), 'gpt-4.1');
    expect(batchPrice(list)).toEqual({ input: 1, cached_input: 0.25, output: 4 });
    expect(
      batchPrice({ input: 1, output: 2, batch_input: 0.8, batch_output: 1.9, batch_cached_input: 0.1 }),
    ).toEqual({ input: 0.8, cached_input: 0.1, output: 1.9 });
    expect(batchPrice(undefined)).toBeUndefined();
  });

  it("the fixed prompt is at or above OpenAI's 1,024-token caching threshold in every mode (decision 0035)", async () => {
    const counter = await loadTokenCounter('gpt-4o-mini');
    const tags = tagIds(loadTaxonomy(DEFAULT_TAXONOMY_PATH));
    const prompts = loadPromptTemplates();
    for (const mode of FALLBACK_ORDER) {
      const tokens = counter.count(buildFixedPrompt(prompts, mode, tags).text);
      expect(tokens, mode).toBeGreaterThanOrEqual(1024 + 32);
    }
  });
});
