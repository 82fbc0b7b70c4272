import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One row of queue depth: how many jobs of `queue` are in `state` right now. */
export interface QueueDepthRow {
  queue: string;
  state: string;
  count: number;
}

/** Reads queue depth at scrape time (see `queueDepthSource`). */
export type QueueDepthSource = () => Promise<QueueDepthRow[]>;

export interface CreateMetricsOptions {
  /** Where the metrics are registered. @default a new Registry (never prom-client's global one) */
  registry?: Registry;
  /** Read at every scrape to fill `paperbrief_queue_jobs`; without it the gauge stays empty. */
  queueDepth?: QueueDepthSource | undefined;
  /** Told when `queueDepth` fails at a scrape (the gauge is left empty for that scrape). */
  onCollectError?: ((error: unknown) => void) | undefined;
  /** Also collect Node.js process metrics (memory, event loop lag, GC). @default false */
  processMetrics?: boolean;
}

/**
 * The metrics every part of paperbrief records into. Label values stay low-cardinality:
 * provider and model names, error codes, queue names, delivery outcomes; never paper ids.
 */
export interface PaperbriefMetrics {
  readonly registry: Registry;
  /** Papers that came out of the pipeline; `status` is `briefed` or `cached`. */
  readonly papersBriefed: Counter<'provider' | 'model' | 'status'>;
  /** Papers that failed for good; `reason` is the PaperbriefError code (`output_invalid`...). */
  readonly papersFailed: Counter<'reason'>;
  /** Seconds one summarizer call took (for an LLM: its requests and repairs for one paper). */
  readonly llmDuration: Histogram<'provider' | 'model' | 'outcome'>;
  /** Tokens spent; `kind` is `prompt`, `completion` or `cached`. */
  readonly llmTokens: Counter<'provider' | 'model' | 'kind'>;
  /** US dollars spent, from the price table. */
  readonly llmCostUsd: Counter<'provider' | 'model'>;
  /** Jobs per queue and state, read from Redis at scrape time. */
  readonly queueJobs: Gauge<'queue' | 'state'>;
  /** Webhook delivery attempts; `outcome` is `delivered`, `retry`, `gone` or `failed`. */
  readonly deliveries: Counter<'outcome'>;
  /** Papers received over HTTP; `outcome` is `enqueued` or `known`. */
  readonly papersAccepted: Counter<'outcome'>;
  /** 1 while a worker's intake is paused by a systemic failure, by `reason` (src/systemic-failure.ts). */
  readonly workerPaused: Gauge<'reason'>;
}

// Summarizer calls range from sub-millisecond (extractive) to minutes (a slow LLM with repairs).
const DURATION_BUCKETS = [0.005, 0.05, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/**
 * Creates and registers paperbrief's metrics. Call it once per registry (prom-client refuses a
 * second registration of the same name); each process keeps its own registry.
 */
export function createMetrics(options: CreateMetricsOptions = {}): PaperbriefMetrics {
  const registry = options.registry ?? new Registry();
  const registers = [registry];
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const queueDepth = options.queueDepth;

  return {
    registry,
    papersBriefed: new Counter({
      name: 'paperbrief_papers_briefed_total',
      help: 'Papers that came out of the pipeline with a stored brief, by provider, model and status (briefed or cached).',
      labelNames: ['provider', 'model', 'status'] as const,
      registers,
    }),
    papersFailed: new Counter({
      name: 'paperbrief_papers_failed_total',
      help: 'Papers that failed for good, by reason (error code).',
      labelNames: ['reason'] as const,
      registers,
    }),
    llmDuration: new Histogram({
      name: 'paperbrief_llm_duration_seconds',
      help: 'Seconds one summarizer call took for one paper (LLM requests and repairs included).',
      labelNames: ['provider', 'model', 'outcome'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    llmTokens: new Counter({
      name: 'paperbrief_llm_tokens_total',
      help: 'Tokens spent by summarizers, by kind (prompt, completion, cached).',
      labelNames: ['provider', 'model', 'kind'] as const,
      registers,
    }),
    llmCostUsd: new Counter({
      name: 'paperbrief_llm_cost_usd_total',
      help: 'US dollars spent by summarizers, from the price table.',
      labelNames: ['provider', 'model'] as const,
      registers,
    }),
    queueJobs: new Gauge({
      name: 'paperbrief_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed...), read at scrape time.',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        if (!queueDepth) return;
        this.reset();
        // Redis down: no depth rows, but the scrape still answers with everything else.
        const rows = await queueDepth().catch((error: unknown) => {
          options.onCollectError?.(error);
          return [];
        });
        for (const row of rows) this.set({ queue: row.queue, state: row.state }, row.count);
      },
    }),
    deliveries: new Counter({
      name: 'paperbrief_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, gone, failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    papersAccepted: new Counter({
      name: 'paperbrief_http_papers_accepted_total',
      help: 'Papers received by POST /v1/papers, by outcome (enqueued, known).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    workerPaused: new Gauge({
      name: 'paperbrief_worker_paused',
      help: 'Workers whose intake is paused by a systemic failure, by reason (provider_config, provider_unreachable, store_unwritable).',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}
