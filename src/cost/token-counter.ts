import { getEncodingNameForModel, Tiktoken, type TiktokenModel } from 'js-tiktoken/lite';
import { bareModelName } from './price-table.js';

/** Counts tokens the way a model's tokenizer does (exactly for OpenAI models, roughly for others). */
export interface TokenCounter {
  /** The tiktoken encoding in use, `o200k_base` or `cl100k_base`. */
  readonly encoding: string;
  count(text: string): number;
}

type EncodingName = 'o200k_base' | 'cl100k_base';

const loaded = new Map<EncodingName, Promise<TokenCounter>>();

function encodingFor(model: string): EncodingName {
  try {
    return getEncodingNameForModel(bareModelName(model) as TiktokenModel) === 'cl100k_base'
      ? 'cl100k_base'
      : 'o200k_base';
  } catch {
    // Not an OpenAI model name (llama, qwen, mistral...): any modern BPE gives a fair estimate.
    return 'o200k_base';
  }
}

/**
 * The token counter for `model`. The rank tables are megabytes of JavaScript, so each is loaded
 * on first use only (runs without `--tpm` never pay for it) and then shared.
 */
export function loadTokenCounter(model: string): Promise<TokenCounter> {
  const encoding = encodingFor(model);
  let counter = loaded.get(encoding);
  if (!counter) {
    counter = (
      encoding === 'cl100k_base'
        ? import('js-tiktoken/ranks/cl100k_base')
        : import('js-tiktoken/ranks/o200k_base')
    ).then((ranks) => {
      const tokenizer = new Tiktoken(ranks.default);
      // Special-token text inside an abstract is plain text to us, not a control token.
      return { encoding, count: (text: string) => tokenizer.encode(text, [], []).length };
    });
    loaded.set(encoding, counter);
  }
  return counter;
}

/** Tokens a chat message adds besides its content (role and separators), per OpenAI's cookbook. */
const TOKENS_PER_MESSAGE = 3;
/** Tokens that prime every reply. */
const TOKENS_PER_REPLY = 3;

/**
 * Estimated prompt tokens of a chat request: message contents plus their framing, plus any
 * extra text sent alongside (the response-format schema or tool definition).
 */
export function estimateChatTokens(
  counter: TokenCounter,
  messages: ReadonlyArray<{ content: string }>,
  extra = '',
): number {
  const contents = messages.reduce(
    (sum, message) => sum + TOKENS_PER_MESSAGE + counter.count(message.content),
    0,
  );
  return contents + TOKENS_PER_REPLY + (extra === '' ? 0 : counter.count(extra));
}
