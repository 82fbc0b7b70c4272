import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import type { PipelineDeps } from '../../src/pipeline.js';
import {
  enqueuePapers,
  jobOptions,
  openQueues,
  startWorkers,
  type OpenQueues,
  type RunningWorkers,
} from '../../src/queue/index.js';
import { runPapers } from '../../src/runner/index.js';
import { makePapers, silentLogger, temporaryStore, testSettings } from '../queue/queue-test-kit.js';
import {
  NAMED_BEHAVIOURS,
  randomMix,
  startFakeLlmServer,
  type FakeBehaviour,
  type FakeCall,
  type FakeLlmServer,
} from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { fakeSummarizer, TEST_CONTEXT, TEST_TAXONOMY } from '../summarizers/openai/openai-test-kit.js';
import { auditStore } from './brief-audit.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { describeReasons, queueOutcome, settleWithin } from './queue-outcome.js';

const redisUrl = testRedisUrl();
const PAPERS = 400;

/** A 429 that says when to come back in the standard header, in (fractional) seconds: 20 ms. */
const RATE_LIMITED: FakeBehaviour = { kind: 'rate-limited', retryAfterSeconds: 0.02 };

/**
 * The mix, per call (first calls, retries and repair turns alike), from a seeded
 * generator: 30% 429 with Retry-After, 10% 500, 5% no answer (a client timeout), 10% prose
 * instead of JSON, 10% schema-invalid JSON, 10% ungrounded numbers; the other 25% valid.
 */
function chaosScript(seed: number): (call: Omit<FakeCall, 'behaviour'>) => FakeBehaviour {
  const mix = randomMix(
    {
      'rate-limited': 0.3,
      'server-error': 0.1,
      hang: 0.05,
      'invalid-json': 0.1,
      'schema-invalid': 0.1,
      ungrounded: 0.1,
    },
    seed,
  );
  return (call) => {
    const behaviour = mix(call);
    return behaviour === NAMED_BEHAVIOURS['rate-limited'] ? RATE_LIMITED : behaviour;
  };
}

/** `429 ×120, 500 ×40, ...` over the calls the fake server saw. */
function injected(calls: readonly FakeCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const behaviour = call.behaviour;
    const name =
      typeof behaviour === 'string'
        ? behaviour
        : behaviour.kind === 'error'
          ? String(behaviour.status)
          : '429';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((left, right) => right[1] - left[1])
    .map(([name, count]) => `${name} ×${count}`)
    .join(', ');
}

/**
 * The real openai provider (the real `openai` client, 300 ms timeout, one repair turn) against
 * the fake server answering with the chaos mix, once through the queue (BullMQ owns retries and
 * 429 pauses) and once through the local runner (`withRetries` owns them).
 */
describe.skipIf(!redisUrl)('fault: LLM chaos mix on the fake server', () => {
  const url = redisUrl as string;
  let llm: FakeLlmServer;

  beforeAll(async () => {
    llm = await startFakeLlmServer();
  });
  afterAll(async () => {
    await llm.close();
  });

  const deps = (store: PipelineDeps['store']): PipelineDeps => ({
    summarizer: fakeSummarizer(llm, { timeoutMs: 300, maxRepairs: 1 }),
    store,
    taxonomy: TEST_TAXONOMY,
    allowedTags: TEST_CONTEXT.allowedTags,
    logger: silentLogger,
  });

  it(`queued: ${PAPERS} papers through BullMQ workers, every paper briefed or failed with its reason`, async () => {
    const startedAt = performance.now();
    const prefix = uniquePrefix('faults-chaos');
    const handle = temporaryStore();
    const papers = makePapers(PAPERS, 50_001);
    const firstCall = llm.calls.length;
    llm.setScript(chaosScript(6));
    let open: OpenQueues | undefined;
    let running: RunningWorkers | undefined;
    try {
      open = await openQueues({ redisUrl: url, prefix });
      const pipeline = deps(handle.store);
      running = await startWorkers(
        ['summarize'],
        { pipeline, watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } }, logger: silentLogger },
        testSettings(url, prefix, { concurrency: 16, attempts: 5 }),
      );
      await enqueuePapers(papers, {
        queue: open.queues.summarize,
        store: handle.store,
        identity: pipeline.summarizer,
        jobOptions: jobOptions({ attempts: 5 }),
      });
      const queue = open.queues.summarize;
      const unsettled = await settleWithin(queue, PAPERS, 150_000);

      const outcome = await queueOutcome(papers, queue, handle.store, TEST_CONTEXT.allowedTags);
      const calls = llm.calls.slice(firstCall);
      const row = recordFaultRow({
        scenario: `llm chaos, queued (${PAPERS} papers)`,
        ...outcome.row,
        notes:
          `${calls.length} LLM calls: ${injected(calls)}` +
          (outcome.reasons.size > 0 ? `; failed: ${describeReasons(outcome.reasons)}` : '') +
          (unsettled ? `; ${unsettled}` : ''),
        durationMs: performance.now() - startedAt,
      });
      expectRowPasses(row, outcome.problems);
      expect(unsettled).toBeUndefined();
      // The faults really happened, and most papers still came through (an answer still unusable
      // after its repair turn fails the paper at once, with its reason: see docs/decisions).
      expect(calls.filter((call) => call.behaviour === RATE_LIMITED).length).toBeGreaterThan(PAPERS * 0.2);
      expect(row.briefsStored).toBeGreaterThan(PAPERS * 0.7);
    } finally {
      await running?.close();
      await open?.close();
      await handle.dispose();
      await deleteKeysWithPrefix(url, prefix);
    }
  });

  it(`local runner: ${PAPERS} papers with the same mix, every paper briefed or failed with its reason`, async () => {
    const startedAt = performance.now();
    const handle = temporaryStore();
    const papers = makePapers(PAPERS, 60_001);
    const firstCall = llm.calls.length;
    llm.setScript(chaosScript(7));
    try {
      const records = papers.map((paper, index) => ({
        kind: 'paper' as const,
        paper,
        location: `chaos.jsonl line ${index + 1}`,
      }));
      const summary = await runPapers(records, deps(handle.store), {
        concurrency: 16,
        attempts: 5,
        // Millisecond backoff: the suite must stay under five minutes. Retry-After still wins.
        backoff: { baseMs: 10, maxMs: 200 },
      });
      const byId = new Map<string, Paper>(papers.map((paper) => [paper.id, paper]));
      const audit = await auditStore(handle.store, byId, TEST_CONTEXT.allowedTags);
      const calls = llm.calls.slice(firstCall);
      const reasons = new Map<string, number>();
      for (const failure of summary.failures) {
        const reason = failure.reason.slice(0, 80);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      const row = recordFaultRow({
        scenario: `llm chaos, local runner (${PAPERS} papers)`,
        papersIn: PAPERS,
        briefsStored: audit.stored,
        duplicates: audit.duplicates,
        failedWithReason: summary.failures.filter((failure) => failure.reason.trim() !== '').length,
        failedWithoutReason: summary.failures.filter((failure) => failure.reason.trim() === '').length,
        invalidBriefs: audit.problems.length,
        lost: PAPERS - audit.briefedIds.size - summary.failed,
        notes:
          `${calls.length} LLM calls: ${injected(calls)}` +
          (reasons.size > 0 ? `; failed: ${describeReasons(reasons)}` : ''),
        durationMs: performance.now() - startedAt,
      });
      expectRowPasses(row, audit.problems);
      expect(summary.briefed + summary.failed).toBe(PAPERS);
      expect(row.briefsStored).toBeGreaterThan(PAPERS * 0.7);
    } finally {
      await handle.dispose();
    }
  });
});
