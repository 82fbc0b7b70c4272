import type { Config } from '../config.js';
import { openQueues, type OpenQueues } from '../queue/open-queues.js';
import { queueConnection } from './redis-settings.js';

/**
 * Producer handles on every queue, on REDIS_URL or REDIS_CLUSTER_NODES under the queue prefix (`jobs`, `watch`,
 * `deliveries replay`). The caller closes them.
 * @throws ConfigError when Redis is not set or set wrong; Redis errors when it cannot be reached.
 */
export async function openConfiguredQueues(config: Config): Promise<OpenQueues> {
  return openQueues(queueConnection(config));
}
