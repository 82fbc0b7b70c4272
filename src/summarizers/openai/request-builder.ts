import type {
  ChatCompletionMessageParam,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { bareModelName } from '../../cost/price-table.js';
import { estimateChatTokens, loadTokenCounter } from '../../cost/token-counter.js';
import type { Paper } from '../../papers/paper.js';
import {
  buildFixedPrompt,
  renderPaperMessage,
  type FixedPrompt,
  type FormatOptions,
} from './brief-request.js';
import type { OutputMode } from './output-mode.js';
import type { PromptTemplates } from './prompt-templates.js';

/** Sent as `max_completion_tokens` to OpenAI's reasoning models (which reject `max_tokens`). */
export const REASONING_MODEL = /^(o\d|gpt-5)/;

export interface RequestBuilderOptions {
  /** Model (or Azure deployment) name, sent as `model`. */
  model: string;
  prompts: PromptTemplates;
  /** Schema lengths and `tool_choice` form for the server (server-profile.ts). @default OpenAI's */
  format?: FormatOptions | undefined;
}

/** The requests of one summarizer: fixed prompts, bodies and token estimates. */
export interface RequestBuilder {
  /** The fixed prompt of a tag set and mode, built once. */
  fixedPromptFor(tags: ReadonlySet<string>, mode: OutputMode): FixedPrompt;
  /** A request's estimated tokens: its prompt (counted with tiktoken) plus its completion cap. */
  estimateTokens(
    fixed: FixedPrompt,
    messages: ChatCompletionMessageParam[],
    maxTokens: number,
  ): Promise<number>;
  /** The body of a request with these messages and this completion cap. */
  requestBodyOf(
    fixed: FixedPrompt,
    messages: ChatCompletionMessageParam[],
    maxTokens: number,
  ): ChatCompletionCreateParamsNonStreaming;
  /** The system prompt and the paper's message: the start of every conversation. */
  firstMessages(fixed: FixedPrompt, paper: Paper): ChatCompletionMessageParam[];
}

export function createRequestBuilder(options: RequestBuilderOptions): RequestBuilder {
  const { model, prompts } = options;
  const maxTokensField = REASONING_MODEL.test(bareModelName(model)) ? 'max_completion_tokens' : 'max_tokens';

  // One fixed prompt per tag set and mode (in practice one per run), built once.
  const fixedPrompts = new WeakMap<ReadonlySet<string>, Map<OutputMode, FixedPrompt>>();
  const fixedPromptFor = (tags: ReadonlySet<string>, mode: OutputMode): FixedPrompt => {
    const byMode = fixedPrompts.get(tags) ?? new Map<OutputMode, FixedPrompt>();
    fixedPrompts.set(tags, byMode);
    let fixed = byMode.get(mode);
    if (!fixed) {
      fixed = buildFixedPrompt(prompts, mode, tags, options.format);
      byMode.set(mode, fixed);
    }
    return fixed;
  };

  // The fixed prompt is most of every request and the same for all: its texts are counted once.
  const fixedCounts = new WeakMap<FixedPrompt, Map<string, number>>();
  async function estimateTokens(
    fixed: FixedPrompt,
    messages: ChatCompletionMessageParam[],
    maxTokens: number,
  ) {
    const tokenizer = await loadTokenCounter(model);
    let known = fixedCounts.get(fixed);
    if (!known) {
      known = new Map(
        [fixed.system, JSON.stringify(fixed.format)].map((text) => [text, tokenizer.count(text)]),
      );
      fixedCounts.set(fixed, known);
    }
    const counts = known;
    const counter = { ...tokenizer, count: (text: string) => counts.get(text) ?? tokenizer.count(text) };
    const texts = messages.map((message) => ({
      content:
        typeof message.content === 'string'
          ? message.content
          : JSON.stringify(('tool_calls' in message && message.tool_calls) || message.content || ''),
    }));
    // Providers count the completion cap against tokens-per-minute limits, so we do too.
    return estimateChatTokens(counter, texts, JSON.stringify(fixed.format)) + maxTokens;
  }

  const requestBodyOf = (
    fixed: FixedPrompt,
    messages: ChatCompletionMessageParam[],
    maxTokens: number,
  ): ChatCompletionCreateParamsNonStreaming => ({
    model,
    messages,
    ...fixed.format,
    [maxTokensField]: maxTokens,
  });

  const firstMessages = (fixed: FixedPrompt, paper: Paper): ChatCompletionMessageParam[] => [
    { role: 'system', content: fixed.system },
    { role: 'user', content: renderPaperMessage(prompts, paper) },
  ];

  return { fixedPromptFor, estimateTokens, requestBodyOf, firstMessages };
}
