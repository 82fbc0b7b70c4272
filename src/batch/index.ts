export type { BatchDeps, BatchStoreDeps } from './batch-deps.js';
export {
  BatchOutputLineSchema,
  outcomeOfLine,
  parseOutputLines,
  type BatchOutputLine,
  type LineOutcome,
} from './batch-output-lines.js';
export {
  BATCH_ENDPOINT,
  MAX_BYTES_PER_FILE,
  MAX_REQUESTS_PER_FILE,
  batchIdOfCustomId,
  customIdFor,
  splitIntoBatchFiles,
  type BatchFile,
  type SplitOptions,
} from './batch-request-lines.js';
export { cancelBatch } from './cancel-batch.js';
export { collectBatch, collectFromFile, type CollectOptions, type CollectResult } from './collect-batch.js';
export { estimatePaperTokens } from './estimate-paper-tokens.js';
export { planRun, type RunPlan } from './plan-run.js';
export { ingestBatchAnswers, type IngestOptions, type IngestTally } from './ingest-batch-answers.js';
export { refreshBatch } from './refresh-batch.js';
export {
  submitBatch,
  type SubmitBatchOptions,
  type SubmitBatchResult,
  type SubmittedBatch,
} from './submit-batch.js';
