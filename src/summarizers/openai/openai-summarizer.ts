import type OpenAI from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import { groundingWarnings, type GroundingIssue } from '../../briefs/grounding.js';
import type { Budget } from '../../cost/budget.js';
import { priceFor, type ModelPrice, type PriceTable } from '../../cost/price-table.js';
import type { RateLimiter } from '../../cost/rate-limiter.js';
import { OutputInvalidError, ProviderError } from '../../errors.js';
import type { Paper } from '../../papers/paper.js';
import type { Summarizer, SummarizeContext, SummarizerOutput } from '../summarizer.js';
import { createAdaptiveConcurrency } from './adaptive-concurrency.js';
import type { FormatOptions } from './brief-request.js';
import { checkBriefAnswer, describeProblem } from './check-brief-answer.js';
import { createLlmCaller, type Answer } from './llm-caller.js';
import { createOutputModeNegotiator, isModeRejection, type LlmMode, type ModeLease } from './output-mode.js';
import { renderTemplate, type PromptTemplates } from './prompt-templates.js';
import { createRequestBuilder } from './request-builder.js';
import { newTally, totalUsage, type UsageTally } from './usage-tally.js';

// Moved to the file that uses it; still exported from here, where it always was.
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
/** Longest answer text read as a brief, in characters: far above any brief, far below megabytes. */
export const MAX_ANSWER_CHARS = 100_000;

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

  const { fixedPromptFor, estimateTokens, requestBodyOf, firstMessages } = requests;
  const caller = createLlmCaller({ client, requests, slots, budget, rateLimiter, price, logger });
  const { call, readCompletion } = caller;

  /** The answer's JSON text: the forced tool call's arguments in `tools` mode, else the content. */
  const answerText = (message: ChatCompletionMessage): string | null => {
    const toolCall = message.tool_calls?.find((candidate) => candidate.type === 'function');
    return toolCall?.type === 'function' ? toolCall.function.arguments : message.content;
  };

  /** The assistant's answer and our reply to it, in the shape the mode needs. */
  const repairTurn = (
    message: ChatCompletionMessage,
    problems: GroundingIssue[],
  ): ChatCompletionMessageParam[] => {
    const lines = problems.map((problem) => `- ${describeProblem(problem)}`);
    const reply = renderTemplate(prompts.repair, { issues: lines.join('\n') });
    const toolCall = message.tool_calls?.[0];
    if (toolCall) {
      return [
        { role: 'assistant', content: null, tool_calls: [toolCall] },
        { role: 'tool', tool_call_id: toolCall.id, content: reply },
      ];
    }
    return [
      { role: 'assistant', content: message.content ?? '' },
      { role: 'user', content: reply },
    ];
  };

  /**
   * One paper's conversation: the first request (or the answer it already had: `first`), then
   * repair turns and the length retry, until a usable answer or a failure.
   */
  async function converse(
    lease: ModeLease,
    paper: Paper,
    context: SummarizeContext,
    first?: { answer: Answer; tally: UsageTally },
  ): Promise<SummarizerOutput> {
    const fixed = fixedPromptFor(context.allowedTags, lease.mode);
    const messages = firstMessages(fixed, paper);
    const tally = first?.tally ?? newTally();
    const warnings: string[] = [];
    let attempts = 0;
    let maxTokens = firstMaxTokens;
    let repairs = 0;
    const log = logger.child({ paperId: paper.id });
    let given = first?.answer;

    for (;;) {
      const answer = given ?? (await call(fixed, messages, maxTokens, tally, context.signal, lease));
      given = undefined;
      attempts++;
      const evidence = { finishReason: answer.finishReason, requestId: answer.requestId };
      if (answer.message.refusal) {
        throw new OutputInvalidError(`the model refused to brief ${paper.id}: ${answer.message.refusal}`, {
          ...evidence,
          rawText: answer.message.refusal,
          code: 'refused',
        });
      }
      if (answer.finishReason === 'content_filter') {
        throw new OutputInvalidError(`the provider's content filter stopped the brief of ${paper.id}`, {
          ...evidence,
          rawText: answerText(answer.message) ?? undefined,
          code: 'content_filtered',
        });
      }
      if (answer.finishReason === 'length') {
        if (maxTokens !== firstMaxTokens) {
          throw new OutputInvalidError(
            `the answer for ${paper.id} was cut off at ${maxTokens} tokens twice`,
            {
              ...evidence,
              rawText: answerText(answer.message) ?? undefined,
              code: 'output_truncated',
            },
          );
        }
        warnings.push(`answer cut off at ${maxTokens} tokens; asked again with ${maxTokens * 2}`);
        maxTokens *= 2;
        continue;
      }

      const rawText = answerText(answer.message);
      if (rawText && rawText.length > MAX_ANSWER_CHARS) {
        // A brief is a few kilobytes. A server that answers megabytes (broken, or hostile)
        // must not have them kept as evidence or sent back in a repair turn, paid again.
        throw new OutputInvalidError(
          `the answer for ${paper.id} has ${rawText.length} characters, more than a brief can (${MAX_ANSWER_CHARS})`,
          { ...evidence, rawText: `${rawText.slice(0, 500)}…`, code: 'output_too_large' },
        );
      }
      const check = checkBriefAnswer(rawText, paper, context.allowedTags);
      if (check.problems.length > 0 && repairs < maxRepairs) {
        repairs++;
        log.debug({ problems: check.problems }, 'asking the model to repair its answer');
        // Paths only: the rejected values themselves stay out of the brief, even in warnings.
        const paths = [...new Set(check.problems.map((problem) => problem.path))];
        warnings.push(`repair turn ${repairs} after problems in: ${paths.join(', ')}`);
        messages.push(...repairTurn(answer.message, check.problems));
        continue;
      }
      if (!check.content) {
        throw new OutputInvalidError(
          `the answer for ${paper.id} is not a valid brief after ${repairs} repair turn(s): ` +
            describeProblem(check.problems[0]!),
          { ...evidence, rawText: rawText ?? undefined, issues: check.problems.map(describeProblem) },
        );
      }
      // A brief stored under this provider holds the model's own TL;DR: one that is still
      // ungrounded after the repairs fails the paper (docs/decisions/0024), naming the words.
      const tldrIssue = check.ungrounded.find((issue) => issue.path === 'tldr');
      if (tldrIssue) {
        throw new OutputInvalidError(
          `the model's TL;DR for ${paper.id} is not grounded after ${repairs} repair turn(s): ` +
            tldrIssue.message,
          {
            ...evidence,
            rawText: rawText ?? undefined,
            issues: [describeProblem(tldrIssue)],
            code: 'ungrounded_tldr',
          },
        );
      }
      // What else is still ungrounded after the repairs is dropped (results) or nulled (names,
      // URLs, a result's metric, dataset or comparison), each with a warning.
      warnings.push(...groundingWarnings([...check.ungrounded, ...check.dropped]));
      // The same cap as the extractive provider (ids outside the taxonomy were dropped above).
      const tags = check.content.tags.slice(0, maxTags);
      if (tags.length < check.content.tags.length)
        warnings.push(
          `tags over the cap of ${maxTags} dropped: ${check.content.tags.slice(maxTags).join(', ')}`,
        );
      return { content: { ...check.content, tags }, usage: totalUsage(tally, price), attempts, warnings };
    }
  }

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
      const fixed = fixedPromptFor(allowedTags, modes.current().mode);
      return requestBodyOf(fixed, firstMessages(fixed, paper), firstMaxTokens);
    },
    async promptTokens(paper, allowedTags) {
      const fixed = fixedPromptFor(allowedTags, modes.current().mode);
      return await estimateTokens(fixed, firstMessages(fixed, paper), 0);
    },
    summarizeFromAnswer(paper, context, { completion, requestId, price: firstPrice }) {
      const tally = newTally();
      const answer = readCompletion(completion, requestId, tally.first, firstPrice);
      tally.firstPrice = firstPrice;
      return converse(currentLease(), paper, context, { answer, tally });
    },
  };
}
