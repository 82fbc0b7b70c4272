import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../../src/briefs/brief.js';
import { createBudget } from '../../../src/cost/budget.js';
import type { PipelineDeps } from '../../../src/pipeline.js';
import { formatRunSummary, runPapers } from '../../../src/runner/index.js';
import type { RecordResult } from '../../../src/sources/index.js';
import { createSqliteStore, type SqliteStore } from '../../../src/stores/sqlite-store.js';
import type { Summarizer } from '../../../src/summarizers/summarizer.js';
import { startFakeLlmServer, type FakeBehaviour, type FakeLlmServer } from '../../support/fake-llm-server.js';
import { HAS_DEV_PAGE, devPageRecords, fakeSummarizer, pipelineDeps } from './openai-test-kit.js';

let records: RecordResult[];
beforeAll(() => {
  if (!HAS_DEV_PAGE) return;
  records = devPageRecords();
});

let server: FakeLlmServer;
let store: SqliteStore;
beforeEach(() => {
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await server.close();
  await store.close();
});

const deps = (summarizer: Summarizer): PipelineDeps => pipelineDeps(summarizer, store);

describe.skipIf(!HAS_DEV_PAGE)(
  'openai provider through the local runner, over the dev page (../shared/data)',
  () => {
    it('30% of calls 429 with Retry-After, 10% 500: every paper is briefed, and waits honour Retry-After', async () => {
      const RETRY_AFTER_MS = 50;
      let rateLimited = 0;
      let serverErrors = 0;
      const failuresInARow = new Map<string, number>();
      server = await startFakeLlmServer({
        // Deterministic shares: answer 429 or 500 whenever the run is below 30% / 10% of calls, but
        // never fail a paper more than twice in a row, so the runner's 5 attempts always suffice.
        script: (call) => {
          const title = call.paper?.title ?? '';
          const streak = failuresInARow.get(title) ?? 0;
          let behaviour: FakeBehaviour = 'valid';
          if (streak < 2 && rateLimited < 0.3 * (call.index + 1)) {
            rateLimited++;
            behaviour = { kind: 'rate-limited', retryAfterMs: RETRY_AFTER_MS };
          } else if (streak < 2 && serverErrors < 0.1 * (call.index + 1)) {
            serverErrors++;
            behaviour = { kind: 'error', status: 500 };
          }
          failuresInARow.set(title, behaviour === 'valid' ? 0 : streak + 1);
          return behaviour;
        },
      });
      const retries: number[] = [];
      const briefs: Brief[] = [];
      const summary = await runPapers(records, deps(fakeSummarizer(server)), {
        concurrency: 4,
        // 500s carry no Retry-After: a short exponential backoff keeps the test quick.
        backoff: { baseMs: 10, maxMs: 100 },
        onBrief: (brief) => {
          briefs.push(brief);
        },
        onEvent: (event) => {
          if (event.type === 'retry') retries.push(event.delayMs);
        },
      });

      expect(summary.failures).toEqual([]);
      expect(summary).toMatchObject({ read: 62, briefed: 62, failed: 0 });
      expect(briefs).toHaveLength(62);
      const calls = server.calls.length;
      expect(calls).toBe(62 + rateLimited + serverErrors);
      expect(rateLimited / calls).toBeGreaterThanOrEqual(0.28);
      expect(serverErrors / calls).toBeGreaterThanOrEqual(0.08);
      // Each 429 is followed by a retry of the same paper no sooner than the server asked.
      expect(retries.filter((delay) => delay === RETRY_AFTER_MS)).toHaveLength(rateLimited);
      for (const [index, call] of server.calls.entries()) {
        if (typeof call.behaviour !== 'object' || call.behaviour.kind !== 'rate-limited') continue;
        const next = server.calls.slice(index + 1).find((later) => later.paper?.title === call.paper?.title);
        expect(next, call.paper?.title).toBeDefined();
        expect(next!.receivedAt - call.receivedAt).toBeGreaterThanOrEqual(RETRY_AFTER_MS - 1);
      }
    });

    it('sums tokens and cost of the run into its summary', async () => {
      server = await startFakeLlmServer({
        usage: () => ({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 400 }),
      });
      const summary = await runPapers(records, deps(fakeSummarizer(server)));
      expect(summary.briefed).toBe(62);
      // Per call at gpt-4o-mini prices: 600 × 0.15 + 400 × 0.075 + 200 × 0.6 per million = $0.00024.
      expect(summary.usage).toMatchObject({
        prompt_tokens: 62_000,
        completion_tokens: 12_400,
        cached_tokens: 24_800,
      });
      expect(summary.usage.cost_usd).toBeCloseTo(62 * 0.00024, 10);
      expect(formatRunSummary(summary)).toMatch(
        /briefed 62, .*tokens 62000 in \+ 12400 out, 24800 cached, cost \$0\.0149$/,
      );
    });

    it('--max-cost: once the budget is spent no call starts, and the briefed papers are kept', async () => {
      server = await startFakeLlmServer({
        usage: () => ({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 0 }),
      });
      // $0.00027 a call: the tenth call reaches the cap (nine spend $0.00243).
      const budget = createBudget({ maxCostUsd: 0.00265 });
      const summary = await runPapers(records, deps(fakeSummarizer(server, { budget })), { concurrency: 2 });

      expect(summary.stopReason).toBe('budget');
      expect(summary.failed).toBe(0);
      expect(summary.briefed).toBeGreaterThanOrEqual(10);
      // What was in flight when the budget ran out may finish: at most one call per slot beyond.
      expect(summary.briefed).toBeLessThanOrEqual(11);
      expect(server.calls).toHaveLength(summary.briefed);
      expect(summary.briefed + summary.notStarted).toBe(62);
      expect(await store.count()).toBe(summary.briefed);
      expect(budget.spentUsd).toBeGreaterThanOrEqual(0.00265);
    });
  },
);
