/**
 * The queues of distributed mode. `summarize`: one job per paper (data: a Paper).
 * `deliver`: one job per stored brief and destination. `poll`: the jobs a `watch` scheduler
 * creates, each fetching a source once and enqueueing the papers it has not seen. The watch
 * feature's queue keeps the name `poll`: queue names are Redis keys (docs/decisions/0018).
 */
export const QUEUE_NAMES = ['summarize', 'deliver', 'poll'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Parses a `--queues summarize,deliver` list. Unknown names are an error, not ignored. */
export function parseQueueNames(list: string): QueueName[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(QUEUE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown queue "${unknown.join(', ')}": expected some of ${QUEUE_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as QueueName[];
}
