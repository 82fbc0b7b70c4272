import type { ChatCompletionMessage, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Logger } from 'pino';
import { groundingWarnings, type GroundingIssue } from '../../briefs/grounding.js';
import type { ModelPrice } from '../../cost/price-table.js';
import { OutputInvalidError } from '../../errors.js';
import type { Paper } from '../../papers/paper.js';
import type { SummarizeContext, SummarizerOutput } from '../summarizer.js';
import { checkBriefAnswer, describeProblem } from './check-brief-answer.js';
import type { Answer, LlmCaller } from './llm-caller.js';
import type { ModeLease } from './output-mode.js';
import { renderTemplate, type PromptTemplates } from './prompt-templates.js';
import type { RequestBuilder } from './request-builder.js';
import { newTally, totalUsage, type UsageTally } from './usage-tally.js';

/** Longest answer text read as a brief, in characters: far above any brief, far below megabytes. */
export const MAX_ANSWER_CHARS = 100_000;

export interface ConversationOptions {
  caller: LlmCaller;
  requests: RequestBuilder;
  prompts: PromptTemplates;
  /** Repair turns allowed after an unusable answer. */
  maxRepairs: number;
  /** Completion token cap of the first request; an answer cut off there is retried once with twice as many. */
  firstMaxTokens: number;
  /** Most tags per brief: the model's first ones are kept. */
  maxTags: number;
  /** What a synchronous call costs per token, for the paper's total. */
  price: ModelPrice | undefined;
  logger: Logger;
}

/** A paper's conversation, from its first request to a brief or a failure (`converse` below). */
export type Converse = (
  lease: ModeLease,
  paper: Paper,
  context: SummarizeContext,
  first?: { answer: Answer; tally: UsageTally },
) => Promise<SummarizerOutput>;

export function createConversation(options: ConversationOptions): Converse {
  const { caller, requests, prompts, maxRepairs, firstMaxTokens, maxTags, price, logger } = options;

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
    const fixed = requests.fixedPromptFor(context.allowedTags, lease.mode);
    const messages = requests.firstMessages(fixed, paper);
    const tally = first?.tally ?? newTally();
    const warnings: string[] = [];
    let attempts = 0;
    let maxTokens = firstMaxTokens;
    let repairs = 0;
    const log = logger.child({ paperId: paper.id });
    let given = first?.answer;

    for (;;) {
      const answer = given ?? (await caller.call(fixed, messages, maxTokens, tally, context.signal, lease));
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

  return converse;
}
