import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputInvalidError } from '../../../src/errors.js';
import { startFakeLlmServer, type FakeLlmServer } from '../../support/fake-llm-server.js';
import { fakeSummarizer, ROUTEVIT, TEST_CONTEXT } from './openai-test-kit.js';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer();
});
afterEach(async () => server.close());

describe('openai summarizer: an oversized answer', () => {
  it('refuses a 15 MB answer at once: no repair turn sends it back, the evidence is cut', async () => {
    server.enqueue({ kind: 'answer', brief: { tldr: 'x'.repeat(15 * 1024 * 1024) } });
    const summarize = fakeSummarizer(server, { maxRepairs: 1 }).summarize(ROUTEVIT, TEST_CONTEXT);
    await expect(summarize).rejects.toBeInstanceOf(OutputInvalidError);
    await expect(summarize).rejects.toMatchObject({ code: 'output_too_large' });
    const error = (await summarize.catch((caught: unknown) => caught)) as OutputInvalidError;
    expect(error.rawText?.length).toBeLessThan(1_000);
    expect(server.calls).toHaveLength(1);
  });
});
