import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { configuredIdentity, createConfiguredSummarizer } from '../../src/compose/pipeline-parts.js';
import { loadConfig } from '../../src/config.js';

const silent = pino({ level: 'silent' });

describe('configuredIdentity', () => {
  it.each([
    ['extractive (the default)', {}],
    ['openai with a model', { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', PAPERBRIEF_MODEL: 'small-model' }],
    ['openai with the default model', { PAPERBRIEF_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test' }],
  ])('names the summarizer the workers build: %s', (_, env: Record<string, string>) => {
    const config = loadConfig(env);
    const summarizer = createConfiguredSummarizer(config, silent);
    expect(configuredIdentity(config)).toEqual({
      provider: summarizer.provider,
      model: summarizer.model,
      promptVersion: summarizer.promptVersion,
    });
  });
});
