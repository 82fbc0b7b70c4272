export { createInOrderQueue, type InOrderQueue } from './in-order-queue.js';
export { openJsonlWriter, type JsonlWriter } from './jsonl-writer.js';
export { createProgressReporter, type ProgressOptions, type ProgressReporter } from './progress.js';
export { runPapers, type RunEvent, type RunOptions } from './run-papers.js';
export {
  emptyRunSummary,
  explainOutcome,
  formatRunSummary,
  runSucceeded,
  type RunFailure,
  type RunSummary,
  type StopReason,
} from './run-summary.js';
export {
  inputRecords,
  STDIN_NAME,
  type InputRecordsOptions,
  type RunRecord,
  type UnreadableInput,
} from './input-records.js';
