export {
  createMetrics,
  type CreateMetricsOptions,
  type PaperbriefMetrics,
  type QueueDepthRow,
  type QueueDepthSource,
} from './create-metrics.js';
export { instrumentSummarizer } from './instrument-summarizer.js';
export {
  QUEUE_DEPTH_STATES,
  queueDepthSource,
  type CountableQueue,
  type QueueState,
} from './queue-depth-source.js';
export { recordPaperBriefed, recordPaperFailed } from './record-paper-outcome.js';
export {
  aggregatedMetricsText,
  publishMetrics,
  publishedMetricsKey,
  readPublishedMetrics,
  type MetricsPublisher,
  type MetricsSnapshot,
  type PublishMetricsOptions,
  type SnapshotRedis,
} from './published-metrics.js';
