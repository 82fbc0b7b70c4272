import type { Queue } from 'bullmq';
import type { Store } from '../stores/store.js';
import type { ReadinessCheck } from './health-routes.js';

/** PING on the Redis connection of a BullMQ queue (BullMQ 6 reaches it through the backend). */
export function redisPing(queue: Queue): ReadinessCheck {
  return async () => (await queue.getBackend().client).runCommand('ping', []);
}

/** A cheap read of the store, which fails when its database does. */
export function storePing(store: Pick<Store, 'count'>): ReadinessCheck {
  return () => store.count();
}

/** One process's metrics as published to Redis (src/metrics/published-metrics.ts). */
type Snapshot = ReadonlyArray<{ name: string; values?: ReadonlyArray<{ value: number; labels?: object }> }>;

/**
 * Fails while a worker reports its intake paused by a systemic failure (a refused key, an
 * unreachable LLM, an unwritable store), read from the workers' published metrics; the reason
 * is in the failure, hence in the /readyz warning log, and in `paperbrief_worker_paused`.
 */
export function workersNotPaused(readSnapshots: () => Promise<readonly Snapshot[]>): ReadinessCheck {
  return async () => {
    const paused = new Set<string>();
    for (const snapshot of await readSnapshots()) {
      for (const metric of snapshot) {
        if (metric.name !== 'paperbrief_worker_paused') continue;
        for (const sample of metric.values ?? []) {
          const reason = (sample.labels as { reason?: unknown } | undefined)?.reason;
          if (sample.value > 0) paused.add(typeof reason === 'string' ? reason : 'unknown');
        }
      }
    }
    if (paused.size > 0) throw new Error(`worker intake paused: ${[...paused].join(', ')}`);
  };
}
