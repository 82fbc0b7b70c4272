import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../src/briefs/taxonomy.js';
import { ProviderError, StoreError } from '../../src/errors.js';
import type { Paper } from '../../src/papers/paper.js';
import type { PipelineDeps } from '../../src/pipeline.js';
import { explainOutcome, runPapers, type RunEvent } from '../../src/runner/index.js';
import type { RecordResult } from '../../src/sources/index.js';
import { createSqliteStore, type SqliteStore } from '../../src/stores/index.js';
import type { Store } from '../../src/stores/store.js';
import type { Summarizer, SummarizerOutput } from '../../src/summarizers/summarizer.js';

const taxonomy: Taxonomy = {
  version: 'test',
  tags: [{ id: 'image-classification', kind: 'task', synonyms: [] }],
};

const paper = (index: number): Paper => ({
  id: `2406.${String(10000 + index)}`,
  title: `Paper number ${index} about image classification`,
  abstract: `We study image classification in setting ${index} and report what we find in detail.`,
  source: 'jsonl',
});
const records = (count: number): RecordResult[] =>
  Array.from({ length: count }, (_, index) => ({
    kind: 'paper',
    paper: paper(index),
    location: `line ${index + 1}`,
  }));

const output = (target: Paper): SummarizerOutput => ({
  content: {
    tldr: `${target.title} studies image classification and reports its findings.`,
    method_name: null,
    contribution_type: 'analysis',
    claimed_results: [],
    tags: ['image-classification'],
    code_url: null,
  },
  usage: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 0, cost_usd: 0 },
  attempts: 1,
  warnings: [],
});

/** Counts calls; each call waits a few event-loop turns so `concurrency` calls overlap. */
function countingSummarizer(behaviour: (target: Paper, call: number) => SummarizerOutput) {
  let calls = 0;
  let thrown = 0;
  const summarizer: Summarizer & { calls: () => number; callsAfterFailures: (count: number) => number } = {
    provider: 'test',
    model: 'test-model',
    promptVersion: 'v1',
    calls: () => calls,
    // Calls started once `count` calls had failed.
    callsAfterFailures: (count) => startedAfter.filter((failedBefore) => failedBefore >= count).length,
    async summarize(target) {
      const call = ++calls;
      startedAfter.push(thrown);
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      try {
        return behaviour(target, call);
      } catch (error) {
        thrown++;
        throw error;
      }
    },
  };
  const startedAfter: number[] = [];
  return summarizer;
}

let store: SqliteStore;
beforeEach(() => {
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => store.close());

const deps = (summarizer: Summarizer, target: Store = store): PipelineDeps => ({
  summarizer,
  store: target,
  taxonomy,
  allowedTags: new Set(['image-classification']),
  logger: pino({ level: 'silent' }),
});
const noWait = { sleep: async () => {} };

describe('runPapers on systemic failures', () => {
  for (const [status, code] of [
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [429, 'insufficient_quota'],
  ] as const) {
    it(`stops at once on ${code}: calls in flight only, one stop event, no failure lines`, async () => {
      const summarizer = countingSummarizer((target, call) => {
        if (call >= 3) throw new ProviderError(code, `LLM server answered ${status}`, { status });
        return output(target);
      });
      const events: RunEvent[] = [];
      const summary = await runPapers(records(40), deps(summarizer), {
        concurrency: 4,
        backoff: noWait,
        onEvent: (event) => events.push(event),
      });
      // Papers start as slots free up; once call 3 has failed, no call starts.
      expect(summarizer.callsAfterFailures(1)).toBe(0);
      expect(summarizer.calls()).toBeLessThanOrEqual(3 + 4);
      expect(summary).toMatchObject({ read: 40, stopReason: 'provider_config', failed: 0 });
      expect(summary.briefed + summary.notStarted).toBe(40);
      expect(events.filter((event) => event.type === 'failed')).toHaveLength(0);
      expect(events.filter((event) => event.type === 'stopped')).toHaveLength(1);
      const variable = code === 'not_found' ? 'PAPERBRIEF_MODEL' : 'OPENAI_API_KEY';
      expect(explainOutcome(summary)).toContain(variable);
    });
  }

  it('stops after N connection failures in a row, without paying the remaining retries', async () => {
    const summarizer = countingSummarizer(() => {
      throw new ProviderError('connection_failed', 'cannot reach the LLM server: ECONNREFUSED', {
        retryable: true,
      });
    });
    const summary = await runPapers(records(100), deps(summarizer), {
      concurrency: 2,
      backoff: noWait,
      maxConnectionFailures: 5,
    });
    expect(summarizer.callsAfterFailures(5)).toBe(0);
    expect(summarizer.calls()).toBeLessThanOrEqual(5 + 1); // the fifth failure's neighbour in flight
    expect(summary).toMatchObject({
      read: 100,
      briefed: 0,
      failed: 0,
      notStarted: 100,
      stopReason: 'provider_unreachable',
    });
    expect(explainOutcome(summary)).toMatch(/5 LLM calls in a row could not connect.*OPENAI_BASE_URL/);
  });

  it('counts only failures in a row: a success in between resets the count', async () => {
    const summarizer = countingSummarizer((target, call) => {
      if (call % 3 === 0) return output(target);
      throw new ProviderError('connection_failed', 'cannot reach the LLM server', { retryable: true });
    });
    const summary = await runPapers(records(6), deps(summarizer), {
      concurrency: 1,
      backoff: noWait,
      maxConnectionFailures: 3,
    });
    expect(summary.stopReason).toBeUndefined();
    expect(summary.briefed).toBe(6);
  });

  it('stops starting papers after the first unwritable-store failure; nothing stored is lost', async () => {
    const summarizer = countingSummarizer((target) => output(target));
    let puts = 0;
    const failing: Store = {
      ...store,
      get: (key) => store.get(key),
      async put(brief) {
        puts++;
        if (puts > 3)
          throw new StoreError(
            'store_unwritable',
            'could not store a brief: database or disk is full (SQLITE_FULL)',
            { retryable: true },
          );
        return store.put(brief);
      },
    };
    const summary = await runPapers(records(50), deps(summarizer, failing), {
      concurrency: 3,
      backoff: noWait,
    });
    expect(summary.stopReason).toBe('store_unwritable');
    expect(summary.briefed).toBe(3);
    expect(await store.count()).toBe(3);
    // Paid calls after the first failed write: at most the other papers in flight.
    expect(summarizer.calls() - 4).toBeLessThanOrEqual(2);
    expect(explainOutcome(summary)).toMatch(/store cannot take writes.*SQLITE_FULL.*not stored/);
  });
});
