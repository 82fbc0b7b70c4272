import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import {
  createMetrics,
  publishMetrics,
  recordPaperBriefed,
  recordPaperFailed,
} from '../../src/metrics/index.js';
import { OutputInvalidError } from '../../src/errors.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { testRedisUrl } from '../support/redis.js';
import { anonymous, startApi, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();

/** The value of one sample line (`name{labels} value`) of a Prometheus text page, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.skipIf(!redisUrl)('GET /metrics', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string });
  });
  afterAll(async () => api?.close());

  async function scrape(): Promise<string> {
    const response = await api.call('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  }

  it('serves every registered metric (the names are checked in test/metrics)', async () => {
    const text = await scrape();
    const names = api.metrics.registry.getMetricsAsArray().map((metric) => metric.name);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(text).toContain(`# HELP ${name} `);
  });

  it('changes after papers are posted, briefed, failed and delivered', async () => {
    const before = await scrape();
    expect(sample(before, 'paperbrief_queue_jobs{queue="summarize",state="waiting"}')).toBe(0);

    const papers = [1, 2, 3].map((n) => ({
      title: `Paper number ${n}`,
      abstract: `Abstract of paper ${n}.`,
    }));
    const post = await api.call('/v1/papers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(papers),
    });
    expect(post.status).toBe(202);
    recordPaperBriefed(api.metrics, { status: 'briefed', brief: briefFixture() });
    recordPaperFailed(api.metrics, new OutputInvalidError('unusable'));
    api.metrics.deliveries.inc({ outcome: 'delivered' });

    const after = await scrape();
    expect(sample(after, 'paperbrief_queue_jobs{queue="summarize",state="waiting"}')).toBe(3);
    expect(sample(after, 'paperbrief_http_papers_accepted_total{outcome="enqueued"}')).toBe(3);
    expect(
      sample(
        after,
        'paperbrief_papers_briefed_total{provider="extractive",model="extractive-v1",status="briefed"}',
      ),
    ).toBe(1);
    expect(sample(after, 'paperbrief_papers_failed_total{reason="output_invalid"}')).toBe(1);
    expect(sample(after, 'paperbrief_deliveries_total{outcome="delivered"}')).toBe(1);
  });

  it("adds the workers' published metrics", async () => {
    const series = 'paperbrief_deliveries_total{outcome="gone"}';
    expect(sample(await scrape(), series)).toBeUndefined();
    const worker = createMetrics();
    worker.deliveries.inc({ outcome: 'gone' }, 2);
    api.metrics.deliveries.inc({ outcome: 'gone' });
    const redis = new Redis(redisUrl as string);
    try {
      const publisher = publishMetrics({
        registry: worker.registry,
        redis,
        key: api.workerMetricsKey,
        id: 'w1',
      });
      await publisher.stop();
      expect(sample(await scrape(), series)).toBe(3);
    } finally {
      redis.disconnect();
    }
  });
});

describe.skipIf(!redisUrl)('GET /healthz and /readyz', () => {
  it('is ready when Redis and the store answer', async () => {
    const api = await startApi({ redisUrl: redisUrl as string });
    try {
      expect(await (await anonymous(api, '/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await anonymous(api, '/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok', store: 'ok' } });
    } finally {
      await api.close();
    }
  });

  it('answers 503 naming the dependency that failed or hung, without its error', async () => {
    const api = await startApi({
      redisUrl: redisUrl as string,
      readinessTimeoutMs: 200,
      readiness: {
        redis: async () => {
          throw new Error('connect ECONNREFUSED redis://:hunter2@10.0.0.1:6379');
        },
        store: () => new Promise(() => {}),
        other: async () => 'fine',
      },
    });
    try {
      const response = await anonymous(api, '/readyz');
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        status: 'unavailable',
        checks: { redis: 'failed', store: 'failed', other: 'ok' },
      });
      expect(text).not.toContain('hunter2');
      // Liveness does not depend on them.
      expect((await anonymous(api, '/healthz')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
