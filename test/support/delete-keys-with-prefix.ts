import { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix:` (SCAN + UNLINK), leaving the rest of Redis as it was.
 * Shared by the tests (through test/support/redis.ts) and the benches, which run outside vitest:
 * so this file imports nothing from vitest.
 * @throws when Redis at `url` cannot be reached.
 */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
