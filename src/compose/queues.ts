import type { Config } from '../config.js';
import { openQueues, type OpenQueues } from '../queue/open-queues.js';
import { requireRedisUrl } from './worker-settings.js';

/**
 * Producer handles on every queue, on REDIS_URL under PAPERBRIEF_QUEUE_PREFIX (`jobs`, `watch`,
 * `deliveries replay`). The caller closes them.
 * @throws ConfigError when REDIS_URL is unset; Redis errors when it cannot be reached.
 */
export async function openConfiguredQueues(config: Config): Promise<OpenQueues> {
  return openQueues({ redisUrl: requireRedisUrl(config), prefix: config.PAPERBRIEF_QUEUE_PREFIX });
}
