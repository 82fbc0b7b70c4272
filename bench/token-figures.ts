import type { Paper } from '../src/papers/paper.js';
import { loadTokenCounter } from '../src/cost/token-counter.js';
import {
  buildFixedPrompt,
  loadPromptTemplates,
  renderPaperMessage,
} from '../src/summarizers/openai/index.js';
import { deriveBrief } from '../test/support/fake-llm-server.js';
import type { BenchWorkspace } from './bench-context.js';

export interface TokenFigure {
  /** No baseline: B6 reports counts. */
  ratio: null;
  target: null;
  /** The tokenizer's encoding (the default model's). */
  encoding: string;
  /** System prompt + response schema: the same for every paper (json_schema mode). */
  fixedPromptTokens: number;
  /** Mean tokens of the per-paper user message over the corpus. */
  meanPaperMessageTokens: number;
  /** Mean tokens of the fake server's valid answer (the brief JSON) over the corpus. */
  meanCompletionTokens: number;
  /** From the B2 run: LLM calls per paper. */
  llmCallsPerPaper: number | null;
  corpusPapers: number;
}

/**
 * B6: token counts with js-tiktoken for the default model: the fixed prompt prefix, the mean
 * per-paper message, and the mean completion of the fake server's valid answers (what it sends
 * for each paper of the corpus), plus LLM calls per paper measured in B2.
 */
export async function measureTokens(
  workspace: BenchWorkspace,
  options: { papers: readonly Paper[]; llmCallsPerPaper: number | null; model?: string },
): Promise<TokenFigure> {
  const counter = await loadTokenCounter(options.model ?? 'gpt-4o-mini');
  const prompts = loadPromptTemplates();
  const fixed = buildFixedPrompt(prompts, 'json_schema', workspace.allowedTags);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    ratio: null,
    target: null,
    encoding: counter.encoding,
    fixedPromptTokens: counter.count(fixed.text),
    meanPaperMessageTokens: mean(
      options.papers.map((paper) => counter.count(renderPaperMessage(prompts, paper))),
    ),
    meanCompletionTokens: mean(
      options.papers.map((paper) => counter.count(JSON.stringify(deriveBrief(paper)))),
    ),
    llmCallsPerPaper: options.llmCallsPerPaper,
    corpusPapers: options.papers.length,
  };
}
