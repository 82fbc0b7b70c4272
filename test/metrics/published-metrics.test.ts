import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import {
  aggregatedMetricsText,
  createMetrics,
  publishMetrics,
  publishedMetricsKey,
  readPublishedMetrics,
  recordPaperBriefed,
  recordPaperFailed,
} from '../../src/metrics/index.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';

const redisUrl = testRedisUrl();
const BRIEFED =
  'paperbrief_papers_briefed_total{provider="extractive",model="extractive-v1",status="briefed"}';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.skipIf(!redisUrl)('metrics published through Redis', () => {
  let redis: Redis;
  const prefix = uniquePrefix('metrics');
  const key = publishedMetricsKey(prefix);

  beforeAll(() => {
    redis = new Redis(redisUrl as string);
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redisUrl as string, prefix);
    redis.disconnect();
  });

  it("sums the workers' fresh snapshots with the server's own metrics", async () => {
    const server = createMetrics({ processMetrics: true });
    const workers = [createMetrics({ processMetrics: true }), createMetrics({ processMetrics: true })];
    recordPaperBriefed(server, { status: 'briefed', brief: briefFixture() });
    for (const worker of workers) {
      recordPaperBriefed(worker, { status: 'briefed', brief: briefFixture() });
      recordPaperBriefed(worker, { status: 'briefed', brief: briefFixture() });
    }
    recordPaperFailed(workers[0]!, new ProviderError('rate_limited', '429'));
    workers[1]!.llmDuration.observe({ provider: 'openai', model: 'm', outcome: 'ok' }, 2.5);

    const publishers = workers.map((worker, index) =>
      publishMetrics({ registry: worker.registry, redis, key, id: `worker-${index}`, intervalMs: 60_000 }),
    );
    await Promise.all(publishers.map((publisher) => publisher.publish()));

    const snapshots = await readPublishedMetrics(redis, key, 60_000);
    expect(snapshots).toHaveLength(2);
    // Process metrics stay with their process.
    expect(snapshots.flat().every((metric) => metric.name.startsWith('paperbrief_'))).toBe(true);

    const text = await aggregatedMetricsText(server.registry, snapshots);
    expect(sample(text, BRIEFED)).toBe(5);
    expect(sample(text, 'paperbrief_papers_failed_total{reason="rate_limited"}')).toBe(1);
    expect(
      sample(text, 'paperbrief_llm_duration_seconds_count{provider="openai",model="m",outcome="ok"}'),
    ).toBe(1);
    expect(
      sample(text, 'paperbrief_llm_duration_seconds_bucket{le="5",provider="openai",model="m",outcome="ok"}'),
    ).toBe(1);

    // A worker's next snapshot replaces its previous one: counts are not added twice.
    recordPaperBriefed(workers[0]!, { status: 'briefed', brief: briefFixture() });
    await publishers[0]!.publish();
    const again = await aggregatedMetricsText(
      server.registry,
      await readPublishedMetrics(redis, key, 60_000),
    );
    expect(sample(again, BRIEFED)).toBe(6);
    await Promise.all(publishers.map((publisher) => publisher.stop()));
  });

  it('drops snapshots older than the age limit, and unreadable ones', async () => {
    const staleKey = `${prefix}:stale`;
    const worker = createMetrics();
    recordPaperBriefed(worker, { status: 'briefed', brief: briefFixture() });
    const publisher = publishMetrics({
      registry: worker.registry,
      redis,
      key: staleKey,
      id: 'fresh',
      intervalMs: 60_000,
    });
    await publisher.stop();
    const metrics = await worker.registry.getMetricsAsJSON();
    await redis.hset(staleKey, 'gone', JSON.stringify({ at: Date.now() - 120_000, metrics }));
    await redis.hset(staleKey, 'garbage', 'not json');

    const snapshots = await readPublishedMetrics(redis, staleKey, 60_000);
    expect(snapshots).toHaveLength(1);
    expect(await redis.hkeys(staleKey)).toEqual(['fresh']);
  });

  it('answers with the own metrics alone when there are no snapshots', async () => {
    const server = createMetrics();
    recordPaperBriefed(server, { status: 'cached', brief: briefFixture() });
    expect(await aggregatedMetricsText(server.registry, [])).toBe(await server.registry.metrics());
  });
});
