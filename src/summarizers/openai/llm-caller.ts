import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import type { Budget } from '../../cost/budget.js';
import { costUsd, type ModelPrice, type TokenUsage } from '../../cost/price-table.js';
import type { RateLimiter } from '../../cost/rate-limiter.js';
import { OutputInvalidError } from '../../errors.js';
import type { AdaptiveConcurrency } from './adaptive-concurrency.js';
import type { FixedPrompt } from './brief-request.js';
import { classifyOpenAiError } from './classify-openai-error.js';
import { isModeRejection, type ModeLease } from './output-mode.js';
import type { RequestBuilder } from './request-builder.js';
import type { UsageTally } from './usage-tally.js';

export interface Answer {
  message: ChatCompletionMessage;
  finishReason: string | undefined;
  requestId: string | undefined;
}

export interface LlmCallerOptions {
  /** An `openai` client created with `maxRetries: 0`: the runner (or BullMQ) owns retries. */
  client: OpenAI;
  requests: RequestBuilder;
  /** LLM calls at once at most (adaptive-concurrency.ts). @default no limit of its own */
  slots?: AdaptiveConcurrency | undefined;
  /** Spending cap checked before every call. */
  budget?: Budget | undefined;
  /** Awaited before every call with the call's estimated tokens. */
  rateLimiter?: RateLimiter | undefined;
  /** What a synchronous call costs per token; `undefined` counts as $0. */
  price: ModelPrice | undefined;
  logger: Logger;
}

/** One chat completion at a time: budget, rate limit and slots before it, usage after it. */
export function createLlmCaller(options: LlmCallerOptions) {
  const { client, requests, slots, budget, rateLimiter, price, logger } = options;

  /** Sends one request and reads its answer; its usage goes to `tally.sync`. */
  async function call(
    fixed: FixedPrompt,
    messages: ChatCompletionMessageParam[],
    maxTokens: number,
    tally: UsageTally,
    signal: AbortSignal | undefined,
    lease: ModeLease,
  ): Promise<Answer> {
    budget?.assertAvailable();
    if (rateLimiter) {
      await rateLimiter.acquire(await requests.estimateTokens(fixed, messages, maxTokens), signal);
      // The budget may have run out while this call waited its turn.
      budget?.assertAvailable();
    }
    const body = requests.requestBodyOf(fixed, messages, maxTokens);
    const send = async () => {
      try {
        return await client.chat.completions.create(body, signal ? { signal } : undefined).withResponse();
      } catch (error) {
        throw classifyOpenAiError(error);
      }
    };
    let completion;
    let requestId: string | undefined;
    try {
      const { data, request_id } = await (slots ? slots.run(send, signal) : send());
      completion = data;
      requestId = request_id ?? undefined;
      lease.settle('accepted');
    } catch (error) {
      lease.settle(isModeRejection(error, lease.mode) ? 'rejected' : 'unknown');
      throw error;
    }
    return readCompletion(completion, requestId, tally.sync, price);
  }

  /** Adds a completion's usage to `usage`, charges the budget at `callPrice`, returns its answer. */
  function readCompletion(
    completion: ChatCompletion,
    requestId: string | undefined,
    usage: TokenUsage,
    callPrice: ModelPrice | undefined,
  ): Answer {
    const callUsage = {
      prompt_tokens: completion.usage?.prompt_tokens ?? 0,
      completion_tokens: completion.usage?.completion_tokens ?? 0,
      cached_tokens: completion.usage?.prompt_tokens_details?.cached_tokens ?? 0,
    };
    usage.prompt_tokens += callUsage.prompt_tokens;
    usage.completion_tokens += callUsage.completion_tokens;
    usage.cached_tokens += callUsage.cached_tokens;
    budget?.charge(costUsd(callUsage, callPrice));
    const choice = completion.choices[0];
    if (!choice) {
      throw new OutputInvalidError('the LLM server answered without a choice', {
        requestId,
        code: 'no_answer',
      });
    }
    logger.debug({ requestId, finishReason: choice.finish_reason, ...callUsage }, 'LLM call finished');
    return { message: choice.message, finishReason: choice.finish_reason ?? undefined, requestId };
  }

  return { call, readCompletion };
}

export type LlmCaller = ReturnType<typeof createLlmCaller>;
