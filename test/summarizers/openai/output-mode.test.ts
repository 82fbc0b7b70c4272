import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.js';
import { createAdaptiveConcurrency } from '../../../src/summarizers/openai/adaptive-concurrency.js';
import { createOutputModeNegotiator, isModeRejection } from '../../../src/summarizers/openai/output-mode.js';
import { detectLlmServer } from '../../../src/summarizers/openai/server-profile.js';
import { createBudget } from '../../../src/cost/budget.js';
import { startFakeLlmServer } from '../../support/fake-llm-server.js';
import { fakeSummarizer, ROUTEVIT, silentLogger, TEST_CONTEXT } from './openai-test-kit.js';

const rejection = (message: string, status = 400) => new ProviderError('bad_request', message, { status });

describe('isModeRejection', () => {
  it('is a 400/422 naming the mode, not any 400 and not a 500', () => {
    const schema = rejection(
      "LLM server answered 400 Invalid parameter: 'response_format' of type 'json_schema'",
    );
    expect(isModeRejection(schema, 'json_schema')).toBe(true);
    expect(isModeRejection(rejection('400 tools param requires --jinja flag'), 'tools')).toBe(true);
    expect(isModeRejection(rejection('400 context length exceeded'), 'json_schema')).toBe(false);
    expect(isModeRejection(rejection('500 response_format broke', 500), 'json_schema')).toBe(false);
  });
});

describe('createOutputModeNegotiator(auto)', () => {
  it('lets one call find out while the others wait, then moves on once and remembers', async () => {
    const modes = createOutputModeNegotiator('auto', silentLogger);
    const first = await modes.acquire();
    expect(first.mode).toBe('json_schema');
    let waited = false;
    const second = modes.acquire().then((lease) => {
      waited = true;
      return lease;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(false); // still finding out
    first.settle('rejected');
    const next = await second;
    expect(next.mode).toBe('tools');
    next.settle('accepted');
    expect(modes.current()).toEqual({ mode: 'tools', confirmed: true });
    const later = await Promise.all([modes.acquire(), modes.acquire()]);
    expect(later.map((lease) => lease.mode)).toEqual(['tools', 'tools']);
  });

  it('an unrelated failure (a timeout) lets the next call find out with the same mode', async () => {
    const modes = createOutputModeNegotiator('auto', silentLogger);
    (await modes.acquire()).settle('unknown');
    expect((await modes.acquire()).mode).toBe('json_schema');
    expect(modes.current().confirmed).toBe(false);
  });

  it('a fixed mode never waits and never changes', async () => {
    const modes = createOutputModeNegotiator('json_object', silentLogger);
    const lease = await modes.acquire();
    lease.settle('rejected');
    expect((await modes.acquire()).mode).toBe('json_object');
  });
});

describe('createAdaptiveConcurrency', () => {
  const timeout = () => new ProviderError('timeout', 'LLM call timed out', { retryable: true });

  it('halves the limit on each timeout, down to 1, and holds the timed-out slot', async () => {
    const slots = createAdaptiveConcurrency({
      max: 4,
      timeoutMs: 30,
      logger: silentLogger,
      now: () => 0,
    });
    const failing = Array.from({ length: 3 }, () =>
      slots.run(() => Promise.reject(timeout())).catch(() => 'timed out'),
    );
    expect(await Promise.all(failing)).toEqual(['timed out', 'timed out', 'timed out']);
    expect(slots.limit).toBe(1);
    // The three slots are held for up to the timeout: a new call waits for them.
    let started = false;
    const next = slots.run(async () => {
      started = true;
      return 'ok';
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    expect(await next).toBe('ok');
  });

  it('grows again only while latency leaves room under the timeout', async () => {
    let clock = 0;
    const slots = createAdaptiveConcurrency({
      max: 4,
      timeoutMs: 1000,
      logger: silentLogger,
      now: () => clock,
    });
    await slots.run(() => Promise.reject(timeout())).catch(() => undefined);
    await slots.run(() => Promise.reject(timeout())).catch(() => undefined);
    expect(slots.limit).toBe(1);
    // A call taking 600 ms of a 1000 ms timeout: two at once would queue past it. No growth.
    await slots.run(async () => {
      clock += 600;
    });
    expect(slots.limit).toBe(1);
    // Fast calls: the limit climbs back.
    for (let call = 0; call < 6; call++) {
      await slots.run(async () => {
        clock += 10;
      });
    }
    expect(slots.limit).toBeGreaterThanOrEqual(3);
  });
});

describe('detectLlmServer', () => {
  it('reads the host and the servers default ports', () => {
    expect(
      [
        undefined,
        'https://api.openai.com/v1',
        'https://my-res.openai.azure.com/openai/v1/',
        'http://localhost:11434/v1',
        'http://gpu-box:8000/v1',
        'http://127.0.0.1:8080/v1',
        'https://openrouter.ai/api/v1',
        'https://api.groq.com/openai/v1',
      ].map(detectLlmServer),
    ).toEqual(['openai', 'openai', 'azure', 'ollama', 'vllm', 'llamacpp', 'other', 'other']);
  });
});

describe('auto mode with a spent budget', () => {
  it('papers that stop before their first call do not leave the others waiting for the mode', async () => {
    const server = await startFakeLlmServer();
    try {
      const budget = createBudget({ maxCostUsd: 0.000001 });
      budget.charge(1);
      const summarizer = fakeSummarizer(server, { mode: 'auto', budget });
      const outcomes = await Promise.allSettled(
        [0, 1, 2].map(() => summarizer.summarize(ROUTEVIT, TEST_CONTEXT)),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(server.calls).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
