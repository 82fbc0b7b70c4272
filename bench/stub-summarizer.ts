import { BriefContentSchema, type BriefContent } from '../src/briefs/brief.js';
import type { Paper } from '../src/papers/paper.js';
import type { Summarizer, SummarizerOutput } from '../src/summarizers/summarizer.js';
import { deriveBrief } from '../test/support/fake-llm-server.js';

/**
 * An in-process "LLM" that answers instantly with the brief the fake server would send
 * (`deriveBrief`: grounded by construction), parsed with the same schema an LLM answer is.
 * B1 uses it so the queue, grounding and store are measured, not HTTP. Answers are kept per
 * text (the bench repeats the same papers), so the stub's own work stays out of the figure as a
 * remote model's would; the pipeline only reads the content it gets.
 * @throws ZodError when the derived brief fails the content schema (a bug in the fake).
 */
export function createStubSummarizer(): Summarizer {
  const answers = new Map<string, BriefContent>();
  return {
    provider: 'bench-stub',
    model: 'instant',
    promptVersion: 'bench',
    summarize(paper: Paper): Promise<SummarizerOutput> {
      const key = `${paper.title}\u0000${paper.abstract}`;
      let content = answers.get(key);
      if (!content) {
        content = BriefContentSchema.parse(deriveBrief(paper));
        answers.set(key, content);
      }
      return Promise.resolve({
        content,
        usage: { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cost_usd: 0 },
        attempts: 1,
        warnings: [],
      });
    },
  };
}
