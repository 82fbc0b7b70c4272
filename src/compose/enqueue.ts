import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Paper } from '../papers/paper.js';
import { enqueuePapers, type EnqueueResult } from '../queue/enqueue-papers.js';
import { jobOptions } from '../queue/job-options.js';
import { openQueues } from '../queue/open-queues.js';
import { configuredIdentity, openConfiguredStore } from './pipeline-parts.js';
import { queueConnection } from './redis-settings.js';

/** A producer of summarize jobs (`paperbrief enqueue`); `close()` when done. */
export interface ConfiguredEnqueue {
  enqueue(papers: readonly Paper[]): Promise<EnqueueResult>;
  close(): Promise<void>;
}

/**
 * The producer root: the `summarize` queue on REDIS_URL, the store (for "already briefed?") and
 * the workers' summarizer identity (provider, model, prompt version: job ids), from one Config.
 * @throws ConfigError (REDIS_URL unset, bad store URL...), StoreError, Redis errors.
 */
export async function openConfiguredEnqueue(config: Config, logger: Logger): Promise<ConfiguredEnqueue> {
  const connection = queueConnection(config);
  const identity = configuredIdentity(config);
  const store = await openConfiguredStore(config, logger);
  try {
    const open = await openQueues(connection);
    const deps = {
      queue: open.queues.summarize,
      store,
      identity,
      jobOptions: jobOptions({ attempts: config.PAPERBRIEF_JOB_ATTEMPTS }),
    };
    return {
      enqueue: (papers) => enqueuePapers(papers, deps),
      close: async () => {
        try {
          await open.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
