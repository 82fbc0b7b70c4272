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
