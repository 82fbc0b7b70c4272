import type { Summarizer } from '../summarizers/summarizer.js';
import type { PaperbriefMetrics } from './create-metrics.js';

/**
 * Wraps a summarizer so every call is timed (`paperbrief_llm_duration_seconds`) and its usage is
 * counted (`paperbrief_llm_tokens_total`, `paperbrief_llm_cost_usd_total`). The wrapper keeps the
 * provider, model and prompt version, so store keys and caching are unchanged. Cached papers never
 * reach the summarizer, so they cost nothing here.
 */
export function instrumentSummarizer(summarizer: Summarizer, metrics: PaperbriefMetrics): Summarizer {
  const labels = { provider: summarizer.provider, model: summarizer.model };
  return {
    provider: summarizer.provider,
    model: summarizer.model,
    promptVersion: summarizer.promptVersion,
    async summarize(paper, context) {
      const stopTimer = metrics.llmDuration.startTimer(labels);
      try {
        const output = await summarizer.summarize(paper, context);
        stopTimer({ outcome: 'ok' });
        const usage = output.usage;
        metrics.llmTokens.inc({ ...labels, kind: 'prompt' }, usage.prompt_tokens);
        metrics.llmTokens.inc({ ...labels, kind: 'completion' }, usage.completion_tokens);
        metrics.llmTokens.inc({ ...labels, kind: 'cached' }, usage.cached_tokens);
        metrics.llmCostUsd.inc(labels, usage.cost_usd);
        return output;
      } catch (error) {
        stopTimer({ outcome: 'error' });
        throw error;
      }
    },
  };
}
