import type { DefaultJobOptions, Queue } from 'bullmq';
import type { Paper } from '../papers/paper.js';
import { briefKeyFor, storedBriefFor } from '../pipeline.js';
import type { Store } from '../stores/store.js';
import type { SummarizerIdentity } from '../summarizers/summarizer.js';
import { summarizeJobId } from './job-ids.js';

export interface EnqueueDeps {
  /** The `summarize` queue (a producer connection: `enableOfflineQueue: false`). */
  queue: Queue;
  /** Checked first: a paper whose brief is stored (same key and input) is not enqueued. */
  store: Store;
  /** The workers' provider, model and prompt version: they make the job id and store key. */
  identity: SummarizerIdentity;
  /** Attempts and backoff for the new jobs (`jobOptions()`). */
  jobOptions: DefaultJobOptions;
}

export interface EnqueueOptions {
  /** Papers per `addBulk` call (one Redis round trip each). @default 500 */
  chunkSize?: number;
  /** Who sent the papers (an API token's name): kept in each job's data as `submitted_by`. */
  submittedBy?: string | undefined;
}

export interface EnqueueResult {
  /** New summarize jobs added. */
  enqueued: number;
  /** Papers skipped: their job exists (waiting, active, delayed, failed, kept completed), their
   * brief is already stored, or they came twice in this call. */
  known: number;
}

/**
 * Adds one `summarize` job per paper, in chunks with `addBulk`, under deterministic ids.
 * Used by `paperbrief enqueue`, the `watch` poller and the HTTP API (POST /v1/papers).
 * A paper is "known" when its job exists or its brief is already in the store; counting is
 * best effort under concurrent producers (the job id still keeps one job per paper).
 * @throws when Redis or the store cannot be reached (nothing is retried here).
 */
export async function enqueuePapers(
  papers: readonly Paper[],
  deps: EnqueueDeps,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const chunkSize = options.chunkSize ?? 500;
  const seen = new Set<string>();
  let enqueued = 0;
  for (let start = 0; start < papers.length; start += chunkSize) {
    const chunk = papers.slice(start, start + chunkSize).flatMap((paper) => {
      const key = briefKeyFor(paper, deps.identity);
      const jobId = summarizeJobId(key);
      if (seen.has(jobId)) return [];
      seen.add(jobId);
      return [{ paper, jobId }];
    });
    const [exists, stored] = await Promise.all([
      jobsExist(
        deps.queue,
        chunk.map((item) => item.jobId),
      ),
      Promise.all(
        chunk.map(
          async (item) => (await storedBriefFor(item.paper, deps.identity, deps.store)) !== undefined,
        ),
      ),
    ]);
    const fresh = chunk.filter((_, index) => !exists[index] && !stored[index]);
    if (fresh.length === 0) continue;
    await deps.queue.addBulk(
      fresh.map((item) => ({
        name: 'summarize',
        // Workers parse job data with PaperSchema, which drops `submitted_by`: it is for people
        // reading the job (dashboard, `paperbrief jobs`), not for the pipeline.
        data:
          options.submittedBy === undefined
            ? item.paper
            : { ...item.paper, submitted_by: options.submittedBy },
        opts: { ...deps.jobOptions, jobId: item.jobId },
      })),
    );
    enqueued += fresh.length;
  }
  return { enqueued, known: papers.length - enqueued };
}

/** Whether each job id has a job hash in the queue, in one pipelined round trip. */
async function jobsExist(queue: Queue, jobIds: readonly string[]): Promise<boolean[]> {
  if (jobIds.length === 0) return [];
  const client = await queue.getBackend().client;
  const pipeline = client.pipeline();
  for (const jobId of jobIds) pipeline.runCommand('exists', [queue.toKey(jobId)]);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, count]: [Error | null, unknown]) => {
    if (error) throw error;
    return count === 1;
  });
}
