import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/briefs/brief.js';
import type { Taxonomy } from '../../src/briefs/taxonomy.js';
import {
  BudgetExceededError,
  InvalidRecordError,
  OutputInvalidError,
  ProviderError,
} from '../../src/errors.js';
import type { Paper } from '../../src/papers/paper.js';
import type { PipelineDeps } from '../../src/pipeline.js';
import { runPapers, runSucceeded, type RunEvent, type RunOptions } from '../../src/runner/index.js';
import type { RecordResult } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/stores/index.js';
import type { Store } from '../../src/stores/store.js';
import type { Summarizer, SummarizerOutput } from '../../src/summarizers/summarizer.js';

const taxonomy: Taxonomy = {
  version: 'test',
  tags: [{ id: 'image-classification', kind: 'task', synonyms: ['image classification'] }],
};

function paper(index: number): Paper {
  return {
    id: `2406.${String(10000 + index)}`,
    title: `Paper number ${index} about image classification`,
    abstract: `We study image classification in setting ${index} and report what we find in detail.`,
    source: 'jsonl',
  };
}

function paperRecords(count: number): RecordResult[] {
  return Array.from({ length: count }, (_, index) => ({
    kind: 'paper' as const,
    paper: paper(index),
    location: `line ${index + 1}`,
  }));
}

function output(
  target: Paper,
  usage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
) {
  const result: SummarizerOutput = {
    content: {
      tldr: `${target.title} studies image classification and reports its findings.`,
      method_name: null,
      contribution_type: 'analysis',
      claimed_results: [],
      tags: ['image-classification'],
      code_url: null,
    },
    usage,
    attempts: 1,
    warnings: [],
  };
  return result;
}

/** A summarizer written for these tests: `behaviour` decides each call (by paper and call number). */
function testSummarizer(behaviour: (target: Paper, call: number) => Promise<SummarizerOutput>) {
  let calls = 0;
  let inFlight = 0;
  const summarizer: Summarizer & { calls: () => number; maxInFlight: number } = {
    provider: 'test',
    model: 'test-model',
    promptVersion: 'v1',
    maxInFlight: 0,
    calls: () => calls,
    async summarize(target) {
      calls++;
      inFlight++;
      summarizer.maxInFlight = Math.max(summarizer.maxInFlight, inFlight);
      try {
        return await behaviour(target, calls);
      } finally {
        inFlight--;
      }
    },
  };
  return summarizer;
}

/** Resolves after `turns` trips through the event loop, so calls overlap without timers. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

let store: Store;
beforeEach(() => {
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

function deps(summarizer: Summarizer): PipelineDeps {
  return {
    summarizer,
    store,
    taxonomy,
    allowedTags: new Set(['image-classification']),
    logger: pino({ level: 'silent' }),
  };
}

const noWait: RunOptions['backoff'] = { sleep: async () => {} };

describe('runPapers', () => {
  it('keeps at most `concurrency` papers in flight and writes briefs in input order', async () => {
    // Later papers finish first: paper i waits (20 - i) turns.
    const summarizer = testSummarizer(async (target) => {
      await turns(20 - Number(target.id.slice(-2)));
      return output(target);
    });
    const written: Brief[] = [];
    const summary = await runPapers(paperRecords(12), deps(summarizer), {
      concurrency: 3,
      onBrief: (brief) => void written.push(brief),
    });
    expect(summarizer.maxInFlight).toBe(3);
    expect(summary).toMatchObject({ read: 12, briefed: 12, cached: 0, failed: 0 });
    expect(written.map((brief) => brief.paper.id)).toEqual(
      paperRecords(12).map((r) => r.kind === 'paper' && r.paper.id),
    );
    expect(runSucceeded(summary)).toBe(true);
  });

  it('reports papers already stored under the same key as cached, and re-briefs them with force', async () => {
    const summarizer = testSummarizer(async (target) => output(target));
    await runPapers(paperRecords(4), deps(summarizer));
    const again = await runPapers(paperRecords(4), deps(summarizer));
    expect(again).toMatchObject({ briefed: 0, cached: 4 });
    expect(summarizer.calls()).toBe(4);
    const forced = await runPapers(paperRecords(4), deps(summarizer), { force: true });
    expect(forced).toMatchObject({ briefed: 4, cached: 0 });
    expect(summarizer.calls()).toBe(8);
  });

  it('retries retryable errors until they pass, and fails the others at once, naming the record', async () => {
    const summarizer = testSummarizer(async (target, call) => {
      if (target.id.endsWith('00') && call <= 2)
        throw new ProviderError('rate_limited', 'HTTP 429', { retryable: true });
      if (target.id.endsWith('01')) throw new OutputInvalidError('the answer is not JSON');
      return output(target);
    });
    const retries: RunEvent[] = [];
    const summary = await runPapers(paperRecords(3), deps(summarizer), {
      concurrency: 1,
      backoff: noWait,
      onEvent: (event) => event.type === 'retry' && retries.push(event),
    });
    expect(summary).toMatchObject({ read: 3, briefed: 2, failed: 1 });
    expect(retries).toHaveLength(2);
    // paper 0: 3 calls (2 retried), paper 1: 1 call (not retryable), paper 2: 1 call.
    expect(summarizer.calls()).toBe(5);
    expect(summary.failures).toEqual([
      { record: 'line 2 (paper 2406.10001)', reason: 'the answer is not JSON' },
    ]);
    expect(runSucceeded(summary)).toBe(false);
  });

  it('gives up on a retryable error after `attempts`', async () => {
    const summarizer = testSummarizer(async () => {
      throw new ProviderError('server_error', 'HTTP 503', { retryable: true });
    });
    const summary = await runPapers(paperRecords(1), deps(summarizer), { attempts: 3, backoff: noWait });
    expect(summarizer.calls()).toBe(3);
    expect(summary.failures[0]?.reason).toBe('HTTP 503');
  });

  it('reports invalid records and counts duplicates while the good papers go on', async () => {
    const summarizer = testSummarizer(async (target) => output(target));
    const records: RecordResult[] = [
      ...paperRecords(2),
      {
        kind: 'error',
        error: new InvalidRecordError({
          source: 'in.jsonl',
          location: 'line 3',
          field: 'title',
          reason: 'missing',
        }),
      },
      { kind: 'duplicate', paperId: '2406.10000', location: 'line 4', firstLocation: 'line 1' },
    ];
    const summary = await runPapers(records, deps(summarizer));
    expect(summary).toMatchObject({ read: 4, briefed: 2, failed: 1, duplicates: 1 });
    expect(summary.failures).toEqual([{ record: 'in.jsonl line 3', reason: 'field "title": missing' }]);
    expect(runSucceeded(summary)).toBe(false);
  });

  it('stops starting papers once the budget is spent and keeps what was briefed', async () => {
    const summarizer = testSummarizer(async (target, call) => {
      if (call >= 3) throw new BudgetExceededError('budget of $0.01 spent');
      return output(target, { prompt_tokens: 100, completion_tokens: 20, cached_tokens: 0, cost_usd: 0.004 });
    });
    const written: Brief[] = [];
    const summary = await runPapers(paperRecords(6), deps(summarizer), {
      concurrency: 1,
      onBrief: (brief) => void written.push(brief),
    });
    expect(summarizer.calls()).toBe(3);
    expect(summary).toMatchObject({ read: 6, briefed: 2, failed: 0, notStarted: 4, stopReason: 'budget' });
    expect(summary.usage).toEqual({
      prompt_tokens: 200,
      completion_tokens: 40,
      cached_tokens: 0,
      cost_usd: 0.008,
    });
    expect(written).toHaveLength(2);
    expect(await store.count()).toBe(2);
    expect(runSucceeded(summary)).toBe(false);
  });

  it('on a stop signal finishes the papers in flight and starts no new ones', async () => {
    const stop = new AbortController();
    const summarizer = testSummarizer(async (target, call) => {
      if (call === 2) stop.abort();
      await turns(3);
      return output(target);
    });
    const summary = await runPapers(paperRecords(10), deps(summarizer), {
      concurrency: 2,
      stopSignal: stop.signal,
    });
    // Two were in flight when the signal came; both finish, nothing else starts.
    expect(summarizer.calls()).toBe(2);
    expect(summary).toMatchObject({ read: 10, briefed: 2, notStarted: 8, stopReason: 'interrupted' });
    expect(await store.count()).toBe(2);
  });

  it('stops reading when the output cannot be written, and throws the write error', async () => {
    const summarizer = testSummarizer(async (target) => output(target));
    const run = runPapers(paperRecords(5), deps(summarizer), {
      concurrency: 1,
      onBrief: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await expect(run).rejects.toThrow('ENOSPC');
    expect(summarizer.calls()).toBeLessThan(5);
  });
});
