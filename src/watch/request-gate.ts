import type { Cluster, Redis } from 'ioredis';

/**
 * Waits until no request to the same source has started within `intervalMs`, on any worker of
 * any machine: a `SET key NX PX interval` in Redis is the ticket; whoever fails to take it waits
 * for the key's remaining time and tries again.
 */
export async function waitForRequestSlot(
  redis: Redis | Cluster,
  key: string,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    if ((await redis.set(key, String(Date.now()), 'PX', intervalMs, 'NX')) === 'OK') return;
    const remainingMs = await redis.pttl(key);
    await new Promise((resolve) => setTimeout(resolve, Math.max(remainingMs, 10)));
  }
}
