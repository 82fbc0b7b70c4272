import type { Cluster, Redis } from 'ioredis';

/**
 * The ids (versionless arXiv ids, else title hashes) a poller has already enqueued: a Redis set,
 * shared by every source, so a paper listed by Hugging Face and then by arXiv is taken once.
 */

/** The ids among `ids` that are not in the set, in their order. */
export async function unseenIds(
  redis: Redis | Cluster,
  key: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const flags = await redis.smismember(key, ...ids);
  return ids.filter((_, index) => flags[index] === 0);
}

/** Adds `ids` to the set; called after they were enqueued, so a crash in between repeats, never loses. */
export async function markSeen(redis: Redis | Cluster, key: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await redis.sadd(key, ...ids);
}
