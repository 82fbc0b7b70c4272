export {
  DeliverJobDataSchema,
  createDeliverProcessor,
  type DeliverBrief,
  type DeliverJobData,
  type DeliverJobResult,
  type DeliverProcessorDeps,
  type DeliveryHandOff,
} from './deliver-processor.js';
export {
  enqueuePapers,
  type EnqueueDeps,
  type EnqueueOptions,
  type EnqueueResult,
} from './enqueue-papers.js';
export {
  JOB_STATES,
  countJobs,
  listFailedJobs,
  retryAllFailedJobs,
  retryFailedJobs,
  type FailedJob,
  type JobState,
  type QueueCounts,
} from './job-admin.js';
export { isRateLimit, queueBackoffStrategy, toJobError } from './job-failure.js';
export { deliverJobId, summarizeJobId } from './job-ids.js';
export { queueDeliveries, type DeliveryQueue } from './queue-deliveries.js';
export {
  BACKOFF_TYPE,
  jobOptions,
  retention,
  type JobRetryOptions,
  type RetentionOptions,
} from './job-options.js';
export { openQueues, type OpenQueues } from './open-queues.js';
export { createWatchProcessor } from './watch-processor.js';
export { queueDefinitions, type QueueDefinition } from './queue-definitions.js';
export { QUEUE_NAMES, parseQueueNames, type QueueName } from './queue-names.js';
export {
  connectionReady,
  createRedisConnection,
  maxmemoryPolicy,
  warnUnlessNoeviction,
  type RedisClient,
  type RedisConnectionSettings,
  type RedisNode,
  type RedisRole,
} from './redis-connection.js';
export {
  replayDeliveries,
  replayJobId,
  type ReplayDeps,
  type ReplayedDelivery,
  type ReplayQuery,
  type SkippedReplay,
} from './replay-deliveries.js';
export { SHUTDOWN_REASON, returnOnShutdown } from './return-on-shutdown.js';
export { startWorkers, type RunningWorkers } from './start-workers.js';
export { type WorkerDeps } from './worker-deps.js';
export {
  createSummarizeProcessor,
  type SummarizeJobResult,
  type SummarizeProcessorDeps,
} from './summarize-processor.js';
export {
  listWatches,
  removeWatch,
  upsertWatch,
  watchSchedulerId,
  type WatchInfo,
} from './watch-schedulers.js';
export { createWebhookHandOff, type WebhookHandOffDeps } from './webhook-hand-off.js';
export { RATE_LIMIT_RETRIES, type QueueConnectionSettings, type WorkerSettings } from './worker-settings.js';
