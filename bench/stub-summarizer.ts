import { BriefContentSchema } from '../src/briefs/brief.js';
import type { Paper } from '../src/papers/paper.js';
import type { Summarizer, SummarizerOutput } from '../src/summarizers/summarizer.js';
import { deriveBrief } from '../test/support/fake-llm-server.js';

/**
 * An in-process "LLM" that answers instantly with the brief the fake server would send
 * (`deriveBrief`: grounded by construction), parsed with the same schema an LLM answer is.
 * B1 uses it so the queue, grounding and store are measured, not HTTP.
 * @throws ZodError when the derived brief fails the content schema (a bug in the fake).
 */
export function createStubSummarizer(): Summarizer {
  return {
    provider: 'bench-stub',
    model: 'instant',
    promptVersion: 'bench',
    summarize(paper: Paper): Promise<SummarizerOutput> {
      const content = BriefContentSchema.parse(deriveBrief(paper));
      return Promise.resolve({
        content,
        usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
        attempts: 1,
        warnings: [],
      });
    },
  };
}
