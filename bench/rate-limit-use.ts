import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import pino from 'pino';
import { loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { DEFAULT_PRICES } from '../src/cost/price-table.js';
import { createRateLimiter } from '../src/cost/rate-limiter.js';
import { createSharedRateLimiter } from '../src/cost/shared-rate-limiter.js';
import { estimateChatTokens, loadTokenCounter, type TokenCounter } from '../src/cost/token-counter.js';
import type { Paper } from '../src/papers/paper.js';
import type { PipelineDeps } from '../src/pipeline.js';
import { enqueuePapers, jobOptions, openQueues, startWorkers } from '../src/queue/index.js';
import { runPapers } from '../src/runner/index.js';
import { deleteKeysWithPrefix } from '../test/support/delete-keys-with-prefix.js';
import { benchWorkerSettings, NO_SOURCES } from './queue-runs.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import { createOpenAiSummarizer, loadPromptTemplates } from '../src/summarizers/openai/index.js';
import { startFakeLlmServer, type ChatBody, type FakeBehaviour } from '../test/support/fake-llm-server.js';
import { repeatPapers } from './bench-papers.js';

export interface RateLimitRun {
  mode: 'local' | 'two workers, a limiter each' | 'two workers, shared limiter';
  limit: 'rpm' | 'tpm';
  /** The limit set on both sides: requests or tokens per minute. */
  limitPerMinute: number;
  papers: number;
  /** Papers failed for good (rate-limited more often than a worker allows), not briefed. */
  failed: number;
  calls: number;
  rejected429: number;
  /** Accepted requests (or tokens) per minute between the first and the last accepted call. */
  achievedPerMinute: number;
  /** achieved / limit: the figure (target ≥ 0.95), with 429s under 1 % of calls. */
  ratio: number;
  rejectedShare: number;
  /** Longest event-loop stall of the bench process during the run (server and clients share it). */
  maxEventLoopDelayMs: number;
}

export interface RateLimitFigure {
  ratio: number;
  target: 0.95;
  runs: RateLimitRun[];
  /** What was not measured, and why. */
  notMeasured: string;
}

/** Tokens a request counts against a TPM limit: prompt estimate plus its completion cap, as OpenAI counts. */
function requestTokens(counter: TokenCounter, body: ChatBody): number {
  const messages = (body.messages ?? []).map((message) => ({
    content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? ''),
  }));
  const format = body.tools
    ? { tools: body.tools, tool_choice: body.tool_choice }
    : { response_format: body.response_format };
  return (
    estimateChatTokens(counter, messages, JSON.stringify(format)) +
    (body.max_tokens ?? body.max_completion_tokens ?? 0)
  );
}

/**
 * A provider's limit as a GCRA with one second of burst, the way OpenAI quantizes per-minute
 * limits into short windows: a call over it gets 429 with `retry-after-ms`.
 */
function enforce(limitPerMinute: number) {
  const msPerUnit = 60_000 / limitPerMinute;
  let freeAt = 0;
  return (cost: number): FakeBehaviour => {
    const now = performance.now();
    if (freeAt - 1000 > now) return { kind: 'rate-limited', retryAfterMs: Math.ceil(freeAt - 1000 - now) };
    freeAt = Math.max(freeAt, now) + cost * msPerUnit;
    return 'valid';
  };
}

/**
 * B8: a backlog run in local mode (`runPapers`, the openai summarizer with `--rpm` or `--tpm`)
 * against the fake server enforcing the same limit with 429s: the rate achieved over the limit,
 * and 429s per call.
 */
export async function measureRateLimitUse(
  corpus: readonly Paper[],
  options: { quick: boolean; redisUrl?: string | undefined },
): Promise<RateLimitFigure> {
  const tokenizer = await loadTokenCounter('gpt-4o-mini');
  // The server counts each request's tokens; the fixed prompt is the same every time, so its
  // count is remembered (on a loaded 2-core machine, counting it anew capped the run's pace).
  const remembered = new Map<string, number>();
  const counter: TokenCounter = {
    encoding: tokenizer.encoding,
    count: (text) => {
      if (text.length < 2000) return tokenizer.count(text);
      let tokens = remembered.get(text);
      if (tokens === undefined) remembered.set(text, (tokens = tokenizer.count(text)));
      return tokens;
    },
  };
  const taxonomy = loadTaxonomy();
  const allowedTags = tagIds(taxonomy);
  const runs: RateLimitRun[] = [];
  const count = options.quick ? 120 : 480;
  // 20 requests per second: a run of 480 papers takes about 24 s.
  const rpm = 1200;
  const modes: ReadonlyArray<RateLimitRun['mode']> =
    options.redisUrl === undefined
      ? (['local'] as const)
      : (['local', 'two workers, a limiter each', 'two workers, shared limiter'] as const);
  const redis = options.redisUrl === undefined ? undefined : new Redis(options.redisUrl);
  const sharedPrefix = `pb-bench-b8-limit-${Date.now()}`;
  try {
    for (const mode of modes)
      for (const limit of ['rpm', 'tpm'] as const) {
        const units = limit === 'rpm' ? () => 1 : (body: ChatBody) => requestTokens(counter, body);
        const papers = repeatPapers(corpus, count, `b8${limit}${modes.indexOf(mode)}`);
        const server = await startFakeLlmServer({ latencyMs: 20 });
        const folder = mkdtempSync(join(tmpdir(), 'pb-b8-'));
        const store = createSqliteStore({ path: join(folder, 'b8.db') });
        try {
          const prompts = loadPromptTemplates();
          const summarizer = createOpenAiSummarizer({
            client: new OpenAI({ apiKey: 'bench', baseURL: server.baseUrl, maxRetries: 0 }),
            model: 'gpt-4o-mini',
            prompts,
            prices: DEFAULT_PRICES,
            logger: pino({ level: 'silent' }),
          });
          // The TPM limit that allows the same 20 requests per second for an average request.
          const meanTokens =
            (
              await Promise.all(
                papers.slice(0, 62).map((paper) => summarizer.promptTokens(paper, allowedTags)),
              )
            ).reduce((sum, tokens) => sum + tokens, 0) /
              Math.min(62, papers.length) +
            1500;
          const limitPerMinute = limit === 'rpm' ? rpm : Math.round(meanTokens * rpm);
          const gate = enforce(limitPerMinute);
          const accepted: Array<{ at: number; units: number }> = [];
          server.setScript((call) => {
            const callUnits = units(call.body);
            const behaviour = gate(callUnits);
            if (behaviour === 'valid') accepted.push({ at: call.receivedAt, units: callUnits });
            return behaviour;
          });
          // One summarizer per process, each with the client-side limiter `--rpm`/`--tpm` gives it.
          const limitedSummarizer = () =>
            createOpenAiSummarizer({
              client: new OpenAI({ apiKey: 'bench', baseURL: server.baseUrl, maxRetries: 0 }),
              model: 'gpt-4o-mini',
              prompts,
              prices: DEFAULT_PRICES,
              logger: pino({ level: 'silent' }),
              rateLimiter:
                mode === 'two workers, shared limiter'
                  ? createSharedRateLimiter({
                      redis: redis!,
                      keyPrefix: `${sharedPrefix}-${limit}`,
                      ...(limit === 'rpm' ? { rpm: limitPerMinute } : { tpm: limitPerMinute }),
                    })
                  : createRateLimiter(limit === 'rpm' ? { rpm: limitPerMinute } : { tpm: limitPerMinute }),
            });
          const logger = pino({ level: 'silent' });
          const loopDelay = monitorEventLoopDelay({ resolution: 20 });
          loopDelay.enable();
          let failed = 0;
          if (mode === 'local') {
            const summary = await runPapers(
              papers.map((paper, index) => ({
                kind: 'paper' as const,
                paper,
                location: `paper ${index + 1}`,
              })),
              { summarizer: limitedSummarizer(), store, taxonomy, allowedTags, logger },
              { concurrency: 32 },
            );
            if (summary.briefed !== papers.length)
              throw new Error(`B8 ${limit}: briefed ${summary.briefed} of ${papers.length}`);
          } else {
            ({ failed } = await runTwoWorkers(
              options.redisUrl!,
              papers,
              () => ({
                summarizer: limitedSummarizer(),
                store,
                taxonomy,
                allowedTags,
                logger,
              }),
              limit === 'rpm' ? limitPerMinute : undefined,
            ));
          }
          loopDelay.disable();
          const first = accepted[0]!;
          const last = accepted.at(-1)!;
          const minutes = (last.at - first.at) / 60_000;
          // Units after the first call, over the time they took.
          const achievedPerMinute = accepted.slice(1).reduce((sum, call) => sum + call.units, 0) / minutes;
          const calls = server.calls.length;
          const rejected429 = calls - accepted.length;
          runs.push({
            mode,
            limit,
            limitPerMinute,
            papers: papers.length,
            failed,
            calls,
            rejected429,
            achievedPerMinute,
            ratio: achievedPerMinute / limitPerMinute,
            rejectedShare: rejected429 / calls,
            maxEventLoopDelayMs: loopDelay.max / 1e6,
          });
        } finally {
          await store.close();
          await server.close();
          rmSync(folder, { recursive: true, force: true });
        }
      }
  } finally {
    if (redis) {
      await deleteKeysWithPrefix(options.redisUrl!, sharedPrefix);
      await redis.quit();
    }
  }
  const counted = runs.filter((run) => run.mode !== 'two workers, a limiter each');
  return {
    ratio: Math.min(...counted.map((run) => run.ratio)),
    target: 0.95,
    runs,
    notMeasured:
      options.redisUrl === undefined
        ? 'two-worker mode (no Redis: run without --no-redis)'
        : 'nothing: the two workers are two startWorkers in one process, each with its own summarizer and limiter, as two processes have',
  };
}

/**
 * Two `paperbrief worker`s (two `startWorkers`, each with its own summarizer and limiter, as two
 * processes have) on one Redis prefix, `rpm` also set as the workers' BullMQ limiter, until every
 * paper is briefed.
 */
async function runTwoWorkers(
  redisUrl: string,
  papers: readonly Paper[],
  pipeline: () => PipelineDeps,
  rpm: number | undefined,
): Promise<{ failed: number }> {
  const prefix = `pb-bench-b8-${Date.now()}`;
  const settings = { ...benchWorkerSettings({ redisUrl, prefix, concurrency: 16 }), rpm };
  const deps = [pipeline(), pipeline()];
  const running = await Promise.all(
    deps.map((one) =>
      startWorkers(
        ['summarize'],
        { pipeline: one, watch: { fetch: globalThis.fetch, endpoints: NO_SOURCES }, logger: one.logger },
        settings,
      ),
    ),
  );
  const producer = await openQueues({ redisUrl, prefix });
  try {
    let done = 0;
    let failed = 0;
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`B8 two workers: ${done} of ${papers.length} in 180 s`)),
        180_000,
      );
      for (const worker of running.flatMap((one) => one.workers)) {
        const settled = () => {
          if (++done === papers.length) {
            clearTimeout(timer);
            resolve();
          }
        };
        worker.on('completed', settled);
        // Failed for good (a retry leaves finishedOn unset): with a limiter each, a job can be
        // rate-limited more often than the worker's maxStartedAttempts allows.
        worker.on('failed', (job) => {
          if (job?.finishedOn === undefined) return;
          failed++;
          settled();
        });
      }
    });
    await enqueuePapers(papers, {
      queue: producer.queues.summarize,
      store: deps[0]!.store,
      identity: deps[0]!.summarizer,
      jobOptions: jobOptions({ attempts: 5 }),
    });
    await finished;
    return { failed };
  } finally {
    await Promise.all(running.map((one) => one.close()));
    await producer.close();
    await deleteKeysWithPrefix(redisUrl, prefix);
  }
}
