import type { Queue, Processor, Worker, WorkerOptions } from 'bullmq';
import type { RedisClient } from './redis-connection.js';
import type { Brief } from '../briefs/brief.js';
import type { Paper } from '../papers/paper.js';
import { createDeliverProcessor } from './deliver-processor.js';
import { enqueuePapers } from './enqueue-papers.js';
import { createIntakePause, type IntakePause } from './intake-pause.js';
import { jobOptions } from './job-options.js';
import type { QueueName } from './queue-names.js';
import type { WorkerDeps } from './worker-deps.js';
import { createSummarizeProcessor } from './summarize-processor.js';
import { createWatchProcessor } from './watch-processor.js';
import type { WorkerSettings } from './worker-settings.js';

/** How one queue is worked: its processor, how many jobs at once, and its own worker options. */
export interface QueueDefinition {
  name: QueueName;
  processor: Processor;
  concurrency: number;
  /** Added to the options every worker shares (limiter, backoff strategy). */
  options?: Partial<WorkerOptions>;
}

/** What the definitions take from `startWorkers`: the shared connection and a late-bound worker. */
export interface QueueDefinitionContext {
  connection: RedisClient;
  /** A producer queue on the shared connection, closed with the workers. */
  producer(name: QueueName): Queue;
  /** The running worker of a queue (only called while it runs). */
  workerOf(name: QueueName): Worker;
  /** Where the summarize worker's intake pause goes, so `close` can stop its timer. */
  intakePauses: IntakePause[];
}

/** One definition per queue: `startWorkers` starts a BullMQ Worker for each one asked for. */
export function queueDefinitions(
  deps: WorkerDeps,
  settings: WorkerSettings,
  context: QueueDefinitionContext,
): Record<QueueName, () => QueueDefinition> {
  const delivery = deps.delivery;
  return {
    summarize: () => {
      // A systemic failure (refused key, unwritable store...) pauses this worker's intake.
      const intake = createIntakePause({
        pause: () => context.workerOf('summarize').pause(true),
        resume: () => context.workerOf('summarize').resume(),
        setConcurrency: (concurrency) => {
          context.workerOf('summarize').concurrency = concurrency;
        },
        concurrency: settings.concurrency,
        checkWritable: deps.pipeline.store.checkWritable?.bind(deps.pipeline.store),
        logger: deps.logger.child({ queue: 'summarize' }),
        metrics: deps.metrics,
        ...(settings.intakeRetryMs === undefined ? {} : { baseMs: settings.intakeRetryMs }),
      });
      context.intakePauses.push(intake);
      return {
        name: 'summarize',
        concurrency: settings.concurrency,
        processor: createSummarizeProcessor({
          pipeline: deps.pipeline,
          metrics: deps.metrics,
          onSystemicFailure: (failure) => intake.pause(failure),
          intakePaused: () => intake.current !== undefined,
          onHealthy: () => intake.succeeded(),
          maxConnectionFailures: settings.maxConnectionFailures,
          deliveries: delivery && {
            queue: context.producer('deliver'),
            destinationsFor: (brief: Brief) => delivery.destinationsFor(brief),
            jobOptions: jobOptions({ attempts: delivery.attempts }),
          },
          rateLimit: (ms) => context.workerOf('summarize').rateLimit(ms),
          // Not waiting for the jobs in flight: this is called from inside one of them.
          onBudgetSpent: () => void context.workerOf('summarize').pause(true),
        }),
        options: {
          // A limiter must exist for `rateLimit` to pause the queue. Without --rpm it never binds;
          // its window is short so a job handed back by a 429 waits for the pause, not the window.
          limiter: { max: settings.rpm ?? 1_000_000_000, duration: settings.rpm ? 60_000 : 100 },
        },
      };
    },
    deliver: () => ({
      name: 'deliver',
      concurrency: settings.concurrency,
      processor: createDeliverProcessor({
        store: deps.pipeline.store,
        logger: deps.logger,
        deliver: delivery?.deliver,
      }),
      // Deliveries wait as the webhook schedule says (minutes to hours), not as the LLM backoff.
      ...(delivery && {
        options: {
          settings: {
            backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
              delivery.retryDelayMs(attemptsMade, error),
          },
        },
      }),
    }),
    // The watch feature's queue keeps its first name, `poll` (docs/decisions/0018).
    poll: () => {
      const enqueueDeps = {
        queue: context.producer('summarize'),
        store: deps.pipeline.store,
        identity: deps.pipeline.summarizer,
        jobOptions: jobOptions({ attempts: settings.attempts }),
      };
      return {
        name: 'poll',
        concurrency: 1,
        processor: createWatchProcessor({
          ...deps.watch,
          redis: context.connection,
          enqueue: (papers: readonly Paper[]) => enqueuePapers(papers, enqueueDeps),
          keyPrefix: settings.prefix,
          logger: deps.logger,
        }),
      };
    },
  };
}
