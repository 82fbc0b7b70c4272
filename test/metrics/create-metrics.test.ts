import { Queue } from 'bullmq';
import type { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import {
  createMetrics,
  instrumentSummarizer,
  queueDepthSource,
  recordPaperBriefed,
  recordPaperFailed,
} from '../../src/metrics/index.js';
import type { Paper } from '../../src/papers/paper.js';
import type { Summarizer, SummarizerOutput } from '../../src/summarizers/summarizer.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';

const paper: Paper = { id: '2406.04312', title: 'A title', abstract: 'An abstract.', source: 'json' };
const context = {
  taxonomy: { version: 'test', tags: [{ id: 'llm', kind: 'method' as const, synonyms: [] }] },
  allowedTags: new Set(['llm']),
};

/** A summarizer answering `output` (or throwing `error`): the thing being wrapped, not a mock of a client. */
function fixedSummarizer(result: SummarizerOutput | Error): Summarizer {
  return {
    provider: 'openai',
    model: 'gpt-test',
    promptVersion: 'brief.v1-abc',
    async summarize() {
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const output: SummarizerOutput = {
  content: {
    tldr: 'one two three four five six seven eight',
    method_name: null,
    contribution_type: 'method',
    claimed_results: [],
    tags: [],
    code_url: null,
  },
  usage: { prompt_tokens: 1200, completion_tokens: 300, cached_tokens: 1024, cost_usd: 0.0042 },
  attempts: 1,
  warnings: [],
};

async function valueOf(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const found = values.find((value) =>
    Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
  );
  return found?.value;
}

describe('createMetrics', () => {
  it('registers every paperbrief metric in its own registry', async () => {
    const metrics = createMetrics();
    const text = await metrics.registry.metrics();
    for (const name of [
      'paperbrief_papers_briefed_total',
      'paperbrief_papers_failed_total',
      'paperbrief_llm_duration_seconds',
      'paperbrief_llm_tokens_total',
      'paperbrief_llm_cost_usd_total',
      'paperbrief_queue_jobs',
      'paperbrief_deliveries_total',
      'paperbrief_http_papers_accepted_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    // Two sets of metrics live side by side (one per test or process) without clashing.
    expect(() => createMetrics()).not.toThrow();
  });

  it('adds process metrics only when asked', async () => {
    expect(await createMetrics().registry.metrics()).not.toContain('process_cpu');
    expect(await createMetrics({ processMetrics: true }).registry.metrics()).toContain('process_cpu');
  });

  it('counts briefed and cached papers by provider and model, and failures by error code', async () => {
    const metrics = createMetrics();
    recordPaperBriefed(metrics, { status: 'briefed', brief: briefFixture() });
    recordPaperBriefed(metrics, { status: 'briefed', brief: briefFixture() });
    recordPaperBriefed(metrics, { status: 'cached', brief: briefFixture() });
    recordPaperFailed(metrics, new ProviderError('rate_limited', '429', { retryable: true }));
    recordPaperFailed(metrics, new Error('something odd: with a message that must not become a label'));

    const labels = { provider: 'extractive', model: 'extractive-v1' };
    expect(
      await valueOf(metrics.registry, 'paperbrief_papers_briefed_total', { ...labels, status: 'briefed' }),
    ).toBe(2);
    expect(
      await valueOf(metrics.registry, 'paperbrief_papers_briefed_total', { ...labels, status: 'cached' }),
    ).toBe(1);
    expect(
      await valueOf(metrics.registry, 'paperbrief_papers_failed_total', { reason: 'rate_limited' }),
    ).toBe(1);
    expect(await valueOf(metrics.registry, 'paperbrief_papers_failed_total', { reason: 'unknown' })).toBe(1);
  });
});

describe('instrumentSummarizer', () => {
  it('keeps the store key and records latency, tokens and cost of each call', async () => {
    const metrics = createMetrics();
    const inner = fixedSummarizer(output);
    const wrapped = instrumentSummarizer(inner, metrics);
    expect([wrapped.provider, wrapped.model, wrapped.promptVersion]).toEqual([
      inner.provider,
      inner.model,
      inner.promptVersion,
    ]);

    await expect(wrapped.summarize(paper, context)).resolves.toBe(output);
    await wrapped.summarize(paper, context);

    const labels = { provider: 'openai', model: 'gpt-test' };
    const registry = metrics.registry;
    expect(await valueOf(registry, 'paperbrief_llm_tokens_total', { ...labels, kind: 'prompt' })).toBe(2400);
    expect(await valueOf(registry, 'paperbrief_llm_tokens_total', { ...labels, kind: 'completion' })).toBe(
      600,
    );
    expect(await valueOf(registry, 'paperbrief_llm_tokens_total', { ...labels, kind: 'cached' })).toBe(2048);
    expect(await valueOf(registry, 'paperbrief_llm_cost_usd_total', labels)).toBeCloseTo(0.0084, 10);
    const text = await registry.metrics();
    expect(text).toContain(
      'paperbrief_llm_duration_seconds_count{provider="openai",model="gpt-test",outcome="ok"} 2',
    );
  });

  it('times failed calls as errors and passes the error on', async () => {
    const metrics = createMetrics();
    const failure = new ProviderError('server_error', '503', { retryable: true });
    const wrapped = instrumentSummarizer(fixedSummarizer(failure), metrics);
    await expect(wrapped.summarize(paper, context)).rejects.toBe(failure);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'paperbrief_llm_duration_seconds_count{provider="openai",model="gpt-test",outcome="error"} 1',
    );
    expect(text).not.toContain('paperbrief_llm_tokens_total{');
  });
});

describe('a failing queue depth source', () => {
  it('leaves the gauge empty, says why, and the scrape still answers', async () => {
    const failures: unknown[] = [];
    const metrics = createMetrics({
      queueDepth: async () => {
        throw new Error('redis down');
      },
      onCollectError: (error) => failures.push(error),
    });
    metrics.deliveries.inc({ outcome: 'retry' });
    const text = await metrics.registry.metrics();
    expect(text).toContain('paperbrief_deliveries_total{outcome="retry"} 1');
    expect(text).not.toContain('paperbrief_queue_jobs{');
    expect(failures).toEqual([new Error('redis down')]);
  });
});

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('queue depth', () => {
  it('is read from the BullMQ queues at every scrape', async () => {
    const url = redisUrl as string;
    const prefix = uniquePrefix('metrics');
    const queue = new Queue('summarize', { connection: { url }, prefix });
    try {
      const metrics = createMetrics({ queueDepth: queueDepthSource([queue]) });
      expect(await metrics.registry.metrics()).toContain(
        'paperbrief_queue_jobs{queue="summarize",state="waiting"} 0',
      );

      await queue.addBulk([1, 2, 3].map((n) => ({ name: 'summarize', data: { n } })));
      await queue.add('summarize', { n: 4 }, { delay: 60_000 });
      const text = await metrics.registry.metrics();
      expect(text).toContain('paperbrief_queue_jobs{queue="summarize",state="waiting"} 3');
      expect(text).toContain('paperbrief_queue_jobs{queue="summarize",state="delayed"} 1');
      expect(text).toContain('paperbrief_queue_jobs{queue="summarize",state="failed"} 0');
    } finally {
      await queue.close();
      await deleteKeysWithPrefix(url, prefix);
    }
  });
});
