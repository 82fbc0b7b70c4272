import { describe, expect, it } from 'vitest';
import { workersNotPaused } from '../../src/http/readiness-checks.js';
import { createMetrics } from '../../src/metrics/index.js';

describe('workersNotPaused', () => {
  it("fails while a worker's published metrics say its intake is paused, naming the reason", async () => {
    const running = createMetrics();
    const paused = createMetrics();
    paused.workerPaused.set({ reason: 'store_unwritable' }, 1);
    const resumed = createMetrics();
    resumed.workerPaused.set({ reason: 'provider_config' }, 0);

    const snapshots = async () => [
      await running.registry.getMetricsAsJSON(),
      await resumed.registry.getMetricsAsJSON(),
    ];
    await expect(workersNotPaused(snapshots)()).resolves.toBeUndefined();

    const withPaused = async () => [...(await snapshots()), await paused.registry.getMetricsAsJSON()];
    await expect(workersNotPaused(withPaused)()).rejects.toThrow('worker intake paused: store_unwritable');
  });
});
