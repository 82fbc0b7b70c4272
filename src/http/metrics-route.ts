import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { aggregatedMetricsText, type MetricsSnapshot } from '../metrics/published-metrics.js';
import { describeError } from '../errors.js';

/** Snapshots of other processes' metrics (the workers'), added to this one's at every scrape. */
export type OtherMetrics = () => Promise<MetricsSnapshot[]>;

/**
 * GET /metrics: this process's registry (queue depth is read from Redis now) summed with the
 * workers' published snapshots, in Prometheus text format. When the snapshots cannot be read the
 * scrape still answers, with this process's metrics only.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  registry: Registry,
  otherMetrics?: OtherMetrics,
): void {
  app.get('/metrics', async (request, reply) => {
    const others = otherMetrics
      ? await otherMetrics().catch((error: unknown) => {
          request.log.warn({ reason: describeError(error) }, "cannot read the workers' metrics");
          return [];
        })
      : [];
    const text = await aggregatedMetricsText(registry, others);
    return reply.type(registry.contentType).send(text);
  });
}
