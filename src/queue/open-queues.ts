import { Queue } from 'bullmq';
import { PaperbriefError } from '../errors.js';
import { QUEUE_NAMES, type QueueName } from './queue-names.js';
import { connectionReady, createRedisConnection } from './redis-connection.js';
import type { RedisConnectionSettings } from './redis-connection.js';

export interface OpenQueues {
  /** Producer-side handles of every queue (add jobs, count, list, retry). */
  readonly queues: Readonly<Record<QueueName, Queue>>;
  close(): Promise<void>;
}

/**
 * Opens the queues for producing and inspecting (enqueue, watch, jobs, the HTTP API) on one
 * producer connection: commands fail fast while Redis is down instead of piling up in memory.
 * @throws PaperbriefError `redis_unavailable` (retryable) naming REDIS_URL when Redis does not answer.
 */
export async function openQueues(
  settings: RedisConnectionSettings & { prefix: string },
): Promise<OpenQueues> {
  const connection = createRedisConnection(settings, 'producer');
  // Connection errors surface through the failing commands; without a listener ioredis would
  // also print them as unhandled.
  connection.on('error', () => {});
  try {
    await connectionReady(connection);
  } catch (error) {
    connection.disconnect();
    // Say which setting points at the Redis that does not answer (not its URL: it may hold a password).
    throw new PaperbriefError(
      'redis_unavailable',
      `cannot reach Redis (REDIS_URL): ${(error as Error).message}`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix: settings.prefix })]),
  ) as Record<QueueName, Queue>;
  return {
    queues,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      await connection.quit();
    },
  };
}
