import type { Queue } from 'bullmq';
import { inputHash } from '../papers/paper-id.js';
import type { Paper } from '../papers/paper.js';
import type { Store } from '../stores/store.js';

export interface ConflictDeps {
  /** The `summarize` queue: a waiting or kept job holds the paper it was given. */
  queue: Queue;
  /** The latest stored brief of a paper holds the hash of the text it was made from. */
  store: Pick<Store, 'latestForPaper'>;
}

/**
 * The positions of `papers` whose id is already known with a different title or abstract: a
 * stored brief of the id made from other text, or a job for the same id holding other text.
 * Without this any API client could replace a paper's brief by sending its id with new text.
 * @throws when Redis or the store cannot be reached.
 */
export async function findPaperConflicts(
  papers: readonly Paper[],
  jobIds: readonly string[],
  deps: ConflictDeps,
): Promise<number[]> {
  const jobHashes = await jobInputHashes(deps.queue, jobIds);
  const conflicts: number[] = [];
  for (const [index, paper] of papers.entries()) {
    const hash = inputHash(paper);
    const jobHash = jobHashes[index];
    if (jobHash !== undefined && jobHash !== hash) {
      conflicts.push(index);
      continue;
    }
    const stored = await deps.store.latestForPaper(paper.id);
    if (stored && stored.provenance.input_hash !== hash) conflicts.push(index);
  }
  return conflicts;
}

/** The input hash of each job's paper (undefined: no job, or data that is not a paper), in one round trip. */
async function jobInputHashes(queue: Queue, jobIds: readonly string[]): Promise<Array<string | undefined>> {
  if (jobIds.length === 0) return [];
  const client = await queue.getBackend().client;
  const pipeline = client.pipeline();
  for (const jobId of jobIds) pipeline.runCommand('hget', [queue.toKey(jobId), 'data']);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, data]: [Error | null, unknown]) => {
    if (error) throw error;
    if (typeof data !== 'string') return undefined;
    try {
      const paper = JSON.parse(data) as { title?: unknown; abstract?: unknown };
      return typeof paper.title === 'string' && typeof paper.abstract === 'string'
        ? inputHash({ title: paper.title, abstract: paper.abstract })
        : undefined;
    } catch {
      return undefined;
    }
  });
}
