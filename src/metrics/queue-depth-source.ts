import type { QueueDepthRow, QueueDepthSource } from './create-metrics.js';

/** The part of a BullMQ `Queue` that queue depth needs (kept structural so tests and bull-board share it). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}

export type QueueState = 'waiting' | 'active' | 'delayed' | 'prioritized' | 'waiting-children' | 'failed';

/** States reported by `paperbrief_queue_jobs`; completed jobs are history, not depth. */
export const QUEUE_DEPTH_STATES: readonly QueueState[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
];

/** A QueueDepthSource reading each queue's job counts from Redis at scrape time. */
export function queueDepthSource(queues: readonly CountableQueue[]): QueueDepthSource {
  return async () => {
    const rows: QueueDepthRow[] = [];
    for (const queue of queues) {
      const counts = await queue.getJobCounts(...QUEUE_DEPTH_STATES);
      for (const state of QUEUE_DEPTH_STATES)
        rows.push({ queue: queue.name, state, count: counts[state] ?? 0 });
    }
    return rows;
  };
}
