import { randomBytes } from 'node:crypto';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Paper } from '../papers/paper.js';

/** The endpoint every paperbrief batch calls. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/** The Batch API's limits per input file (OpenAI; Azure, Groq and Together use the same or higher). */
export const MAX_REQUESTS_PER_FILE = 50_000;
export const MAX_BYTES_PER_FILE = 200 * 1024 * 1024;

/** One input file's worth of requests: the JSONL text and the papers in it, in order. */
export interface BatchFile {
  /** Our id of the batch this file becomes (`pbb-` + 12 hex); every custom_id starts with it. */
  batchId: string;
  jsonl: string;
  papers: Array<{ customId: string; paper: Paper }>;
}

export interface SplitOptions {
  /** @default 50,000 (MAX_REQUESTS_PER_FILE) */
  maxRequestsPerFile?: number;
  /** @default 200 MB (MAX_BYTES_PER_FILE) */
  maxBytesPerFile?: number;
  /** Makes our batch ids; injectable for tests. @default `pbb-` + 12 random hex digits */
  newBatchId?: () => string;
}

export const newBatchId = (): string => `pbb-${randomBytes(6).toString('hex')}`;

/** `pbb-…/7`: the batch's id and the paper's position, so an output line names its batch. */
export function customIdFor(batchId: string, position: number): string {
  return `${batchId}/${position}`;
}

/** The batch id a custom_id belongs to, or undefined when it is not one of ours. */
export function batchIdOfCustomId(customId: string): string | undefined {
  return /^(pbb-[0-9a-f]+)\/\d+$/.exec(customId)?.[1];
}

/**
 * The papers' requests as Batch API input files (`{custom_id, method, url, body}` per line),
 * starting a new file before one would pass either limit.
 * @throws RangeError when one request alone is larger than the byte limit.
 */
export function splitIntoBatchFiles(
  papers: readonly Paper[],
  requestBody: (paper: Paper) => ChatCompletionCreateParamsNonStreaming,
  options: SplitOptions = {},
): BatchFile[] {
  const maxRequests = options.maxRequestsPerFile ?? MAX_REQUESTS_PER_FILE;
  const maxBytes = options.maxBytesPerFile ?? MAX_BYTES_PER_FILE;
  const makeId = options.newBatchId ?? newBatchId;
  const files: BatchFile[] = [];
  let current: BatchFile & { lines: string[]; bytes: number } = start();

  function start() {
    return { batchId: makeId(), jsonl: '', papers: [], lines: [] as string[], bytes: 0 };
  }
  function lineFor(batchId: string, position: number, paper: Paper) {
    const customId = customIdFor(batchId, position);
    const line = `${JSON.stringify({ custom_id: customId, method: 'POST', url: BATCH_ENDPOINT, body: requestBody(paper) })}\n`;
    return { customId, line, bytes: Buffer.byteLength(line) };
  }
  function finish() {
    if (current.papers.length === 0) return;
    files.push({ batchId: current.batchId, jsonl: current.lines.join(''), papers: current.papers });
  }

  for (const paper of papers) {
    let next = lineFor(current.batchId, current.papers.length, paper);
    if (current.papers.length >= maxRequests || current.bytes + next.bytes > maxBytes) {
      finish();
      current = start();
      next = lineFor(current.batchId, 0, paper);
    }
    if (next.bytes > maxBytes) {
      throw new RangeError(`the request of paper ${paper.id} alone is larger than ${maxBytes} bytes`);
    }
    current.lines.push(next.line);
    current.bytes += next.bytes;
    current.papers.push({ customId: next.customId, paper });
  }
  finish();
  return files;
}
