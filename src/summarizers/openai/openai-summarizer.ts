import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import type { Budget } from '../../cost/budget.js';
import { priceFor, type ModelPrice, type PriceTable } from '../../cost/price-table.js';
import type { RateLimiter } from '../../cost/rate-limiter.js';
import { ProviderError } from '../../errors.js';
import type { Paper } from '../../papers/paper.js';
import type { Summarizer, SummarizeContext, SummarizerOutput } from '../summarizer.js';
import { createAdaptiveConcurrency } from './adaptive-concurrency.js';
import type { FormatOptions } from './brief-request.js';
import { createConversation } from './conversation.js';
import { createLlmCaller } from './llm-caller.js';
import { createOutputModeNegotiator, isModeRejection, type LlmMode, type ModeLease } from './output-mode.js';
import type { PromptTemplates } from './prompt-templates.js';
import { createRequestBuilder } from './request-builder.js';
import { newTally } from './usage-tally.js';

// Moved to the files that use them; still exported from here, where they always were.
export { MAX_ANSWER_CHARS } from './conversation.js';
export { REASONING_MODEL } from './request-builder.js';

export interface OpenAiSummarizerOptions {
  /** An `openai` client created with `maxRetries: 0`: the runner (or BullMQ) owns retries. */
  client: OpenAI;
  /** Model (or Azure deployment) name; goes into `provenance.model` and the store key. */
  model: string;
  /** `auto` starts with json_schema and falls back once per summarizer (output-mode.ts). @default 'auto' */
  mode?: LlmMode;
  /** Schema lengths and `tool_choice` form for the server (server-profile.ts). @default OpenAI's */
  format?: FormatOptions;
  /**
   * LLM calls at once at most; timeouts lower it (adaptive-concurrency.ts). Give the run's
   * concurrency and the client's timeout. @default no limit of its own
   */
  concurrency?: { max: number; timeoutMs: number } | undefined;
  prompts: PromptTemplates;
  /** Repair turns allowed after an unusable answer. @default 1 */
  maxRepairs?: number;
  /** Completion token cap; an answer cut off there is retried once with twice as many. @default 1500 */
  maxTokens?: number;
  /** Most tags per brief, as for the extractive provider: the model's first ones are kept. @default 5 */
  maxTags?: number;
  /** Spending cap checked before every call. */
  budget?: Budget | undefined;
  /** Awaited before every call with the call's estimated tokens. */
  rateLimiter?: RateLimiter | undefined;
  prices: PriceTable;
  logger: Logger;
}

/**
 * The openai summarizer, plus the two halves of its conversation for callers that send the first
 * request another way (the Batch API, src/batch/): the request body of a paper, and the rest of
 * the conversation once that request's answer is in (checks, repairs, grounding, usage).
 */
export interface OpenAiSummarizer extends Summarizer {
  /** The exact body of a paper's first request, as `summarize` sends it. */
  requestBody(paper: Paper, allowedTags: ReadonlySet<string>): ChatCompletionCreateParamsNonStreaming;
  /** Estimated prompt tokens of a paper's first request (the real prompt, counted with tiktoken). */
  promptTokens(paper: Paper, allowedTags: ReadonlySet<string>): Promise<number>;
  /**
   * Briefs a paper from the answer to its first request, obtained elsewhere: the answer is
   * checked exactly as `summarize` checks its own, and repair turns (synchronous calls) follow
   * when it is unusable. `price` is what the first answer cost per token (a batch price).
   * @throws as `summarize`.
   */
  summarizeFromAnswer(
    paper: Paper,
    context: SummarizeContext,
    first: { completion: ChatCompletion; requestId?: string | undefined; price: ModelPrice | undefined },
  ): Promise<SummarizerOutput>;
}

/**
 * Briefs papers with any OpenAI-compatible chat completions server. One call per paper when the
 * answer is good; an answer that is not JSON, fails the schema or states ungrounded values gets
 * repair turns that say exactly what was wrong; `finish_reason: length` is retried once with
 * twice the tokens. Transport errors are classified (retryable or not) and thrown, never retried.
 */
export function createOpenAiSummarizer(options: OpenAiSummarizerOptions): OpenAiSummarizer {
  const { client, model, prompts, budget, rateLimiter, logger } = options;
  const modes = createOutputModeNegotiator(options.mode ?? 'auto', logger);
  const slots = options.concurrency && createAdaptiveConcurrency({ ...options.concurrency, logger });
  /** Callers that send the first request themselves (batch) use the mode found so far, unchanged. */
  const currentLease = (): ModeLease => ({ mode: modes.current().mode, settle: () => undefined });
  const maxRepairs = options.maxRepairs ?? 1;
  const firstMaxTokens = options.maxTokens ?? 1500;
  const maxTags = options.maxTags ?? 5;
  const price = priceFor(options.prices, model);
  const requests = createRequestBuilder({ model, prompts, format: options.format });
  if (!price && budget) {
    logger.warn({ model }, 'no price known for this model: its calls count as $0 against --max-cost');
  }
  const caller = createLlmCaller({ client, requests, slots, budget, rateLimiter, price, logger });
  const converse = createConversation({
    caller,
    requests,
    prompts,
    maxRepairs,
    firstMaxTokens,
    maxTags,
    price,
    logger,
  });

  /**
   * One paper, in the mode the negotiator gives. A refusal of the mode itself moves `auto` to the
   * next mode at once (the one extra call of a run, not a retry); a fixed mode says what to change.
   */
  async function summarize(paper: Paper, context: SummarizeContext): Promise<SummarizerOutput> {
    for (;;) {
      const lease = await modes.acquire();
      try {
        return await converse(lease, paper, context);
      } catch (error) {
        if (!isModeRejection(error, lease.mode)) throw error;
        if (modes.current().mode !== lease.mode) continue;
        throw new ProviderError(
          error.code,
          `${error.message} (the ${lease.mode} output mode was refused: set --llm-mode or ` +
            'PAPERBRIEF_LLM_MODE to auto or another mode)',
          { status: error.status, requestId: error.requestId, cause: error },
        );
      } finally {
        // A paper that ends before its first call (budget spent, aborted while waiting for the
        // rate limiter) must still let the calls waiting on the mode go on; no-op otherwise.
        lease.settle('unknown');
      }
    }
  }

  return {
    provider: 'openai',
    model,
    promptVersion: prompts.version,
    summarize,
    requestBody: (paper, allowedTags) => {
      const fixed = requests.fixedPromptFor(allowedTags, modes.current().mode);
      return requests.requestBodyOf(fixed, requests.firstMessages(fixed, paper), firstMaxTokens);
    },
    async promptTokens(paper, allowedTags) {
      const fixed = requests.fixedPromptFor(allowedTags, modes.current().mode);
      return await requests.estimateTokens(fixed, requests.firstMessages(fixed, paper), 0);
    },
    summarizeFromAnswer(paper, context, { completion, requestId, price: firstPrice }) {
      const tally = newTally();
      const answer = caller.readCompletion(completion, requestId, tally.first, firstPrice);
      tally.firstPrice = firstPrice;
      return converse(currentLease(), paper, context, { answer, tally });
    },
  };
}
