import { createHash } from 'node:crypto';
import type { DefaultJobOptions, Queue } from 'bullmq';
import { WatchRequestSchema, type WatchRequest } from '../watch/watch-source.js';

export interface WatchInfo {
  id: string;
  /** Undefined when the stored template no longer parses (written by another version). */
  request: WatchRequest | undefined;
  everyMs: number | undefined;
  /** When the next poll is due (ms since the epoch), when known. */
  next: number | undefined;
}

/** One scheduler per source and query: watching the same thing twice updates, not duplicates. */
export function watchSchedulerId(request: WatchRequest): string {
  const query = request.query ?? '';
  return `watch-${request.source}-${createHash('sha256').update(query).digest('hex').slice(0, 12)}`;
}

/**
 * Registers (or updates) a BullMQ job scheduler on the `poll` queue that adds a poll job now and
 * then every `everyMs`. Workers running the `poll` queue do the fetching.
 */
export async function upsertWatch(
  queue: Queue,
  request: WatchRequest,
  everyMs: number,
  jobOptions: DefaultJobOptions,
): Promise<WatchInfo> {
  const id = watchSchedulerId(request);
  const job = await queue.upsertJobScheduler(
    id,
    { every: everyMs },
    { name: 'poll', data: request, opts: jobOptions },
  );
  return { id, request, everyMs, next: job ? job.timestamp + job.delay : undefined };
}

/** Removes a watch by its id; false when there was none. */
export async function removeWatch(queue: Queue, id: string): Promise<boolean> {
  return queue.removeJobScheduler(id);
}

/** The registered watches. */
export async function listWatches(queue: Queue): Promise<WatchInfo[]> {
  const schedulers = await queue.getJobSchedulers();
  return schedulers.map((scheduler) => ({
    id: scheduler.key,
    request: WatchRequestSchema.safeParse(scheduler.template?.data).data,
    everyMs: scheduler.every ?? undefined,
    next: scheduler.next,
  }));
}
