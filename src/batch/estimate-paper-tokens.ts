import { estimateCompletionTokens, type PaperTokens } from '../cost/estimate-cost.js';
import { loadTokenCounter } from '../cost/token-counter.js';
import type { Paper } from '../papers/paper.js';
import type { OpenAiSummarizer } from '../summarizers/openai/openai-summarizer.js';

/**
 * Each paper's estimated tokens: its first request's prompt counted with the model's tokenizer
 * over the real prompt (system, schema, the paper's message), and its answer estimated from the
 * abstract. No LLM call.
 */
export async function estimatePaperTokens(
  papers: readonly Paper[],
  summarizer: OpenAiSummarizer,
  allowedTags: ReadonlySet<string>,
): Promise<PaperTokens[]> {
  const counter = await loadTokenCounter(summarizer.model);
  const tokens: PaperTokens[] = [];
  for (const paper of papers) {
    tokens.push({
      prompt: await summarizer.promptTokens(paper, allowedTags),
      completion: estimateCompletionTokens(counter, paper.abstract),
    });
  }
  return tokens;
}
