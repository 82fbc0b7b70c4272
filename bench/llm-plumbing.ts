import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { loadConfig } from '../src/config.js';
import type { Paper } from '../src/papers/paper.js';
import type { PipelineDeps } from '../src/pipeline.js';
import { runPapers } from '../src/runner/index.js';
import type { RunRecord } from '../src/runner/index.js';
import { openAiSummarizerFromConfig } from '../src/compose/openai-summarizer.js';
import {
  buildFixedPrompt,
  loadPromptTemplates,
  renderPaperMessage,
} from '../src/summarizers/openai/index.js';
import type { BenchWorkspace } from './bench-context.js';

export interface RunRate {
  readonly papers: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  /** User + system CPU of this process (the client side; the server is another process). */
  readonly cpuMsPerPaper: number;
}

export interface LocalRun extends RunRate {
  readonly briefed: number;
  readonly failed: number;
  /** LLM calls the summarizer made (`provenance.attempts` summed) plus the runner's retries. */
  readonly llmCalls: number;
}

function rate(papers: number, startedAt: number, cpuBefore: NodeJS.CpuUsage): RunRate {
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    papers,
    elapsedMs,
    perSecond: (papers * 1000) / elapsedMs,
    cpuMsPerPaper: (cpu.user + cpu.system) / 1000 / papers,
  };
}

/**
 * Runs `task` for every item with at most `concurrency` at once (the bare baseline's pool; the
 * runner has its own).
 */
async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * The baseline of B2: bare `openai` SDK calls, the request local mode's first call sends
 * (system prompt, paper message, response format, token cap), nothing done with the answer.
 * @throws the SDK's error when a call fails (the fake server answers every call).
 */
export async function runBareSdkCalls(options: {
  baseUrl: string;
  papers: readonly Paper[];
  concurrency: number;
  allowedTags: ReadonlySet<string>;
}): Promise<RunRate> {
  const client = new OpenAI({ apiKey: 'bench', baseURL: options.baseUrl, maxRetries: 0 });
  const prompts = loadPromptTemplates();
  const fixed = buildFixedPrompt(prompts, 'json_schema', options.allowedTags);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await pool(options.papers, options.concurrency, (paper) => {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: fixed.system },
        { role: 'user', content: renderPaperMessage(prompts, paper) },
      ],
      ...fixed.format,
      max_tokens: 1500,
    };
    return client.chat.completions.create(body);
  });
  return rate(options.papers.length, startedAt, cpuBefore);
}

/**
 * Local mode as `paperbrief summarize --provider openai` runs it: the summarizer built from a
 * Config (real `openai` client, `maxRetries: 0`), the runner (`runPapers`: bounded concurrency,
 * `withRetries`, in-order output), the pipeline and a SQLite store.
 */
export async function runLocalMode(
  workspace: BenchWorkspace,
  options: { name: string; baseUrl: string; papers: readonly Paper[]; concurrency: number },
): Promise<LocalRun> {
  // As `summarize --concurrency N` does: N is also the summarizer's own limit of calls at once
  // (without it the server profile's default of 4 would cap B2 and B3).
  const config = loadConfig({
    OPENAI_BASE_URL: options.baseUrl,
    PAPERBRIEF_PROVIDER: 'openai',
    PAPERBRIEF_CONCURRENCY: String(options.concurrency),
  });
  const summarizer = openAiSummarizerFromConfig(config, { logger: workspace.logger });
  const deps: PipelineDeps = workspace.pipeline(options.name, summarizer);
  const records: RunRecord[] = options.papers.map((paper, index) => ({
    kind: 'paper',
    paper,
    location: `bench line ${index + 1}`,
  }));
  let llmCalls = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const summary = await runPapers(records, deps, {
    concurrency: options.concurrency,
    onBrief: (brief) => {
      llmCalls += brief.provenance.attempts;
    },
    onEvent: (event) => {
      if (event.type === 'retry') llmCalls++;
    },
  });
  return {
    ...rate(options.papers.length, startedAt, cpuBefore),
    briefed: summary.briefed,
    failed: summary.failed,
    llmCalls,
  };
}
