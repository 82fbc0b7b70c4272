import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.js';
import { startFakeLlmServer, type FakeBehaviour, type FakeLlmServer } from '../../support/fake-llm-server.js';
import { ROUTEVIT, TEST_CONTEXT, fakeSummarizer } from './openai-test-kit.js';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer();
});
afterEach(async () => {
  await server.close();
});

/** What the real client's error becomes when the fake answers with `behaviour`. */
async function errorFor(
  behaviour: FakeBehaviour,
  options: { timeoutMs?: number } = {},
): Promise<ProviderError> {
  server.enqueue(behaviour);
  const failure = await fakeSummarizer(server, options)
    .summarize(ROUTEVIT, TEST_CONTEXT)
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ProviderError);
  return failure as ProviderError;
}

describe('classifying openai errors', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [422, 'unprocessable'],
  ])('%i is not retryable (%s)', async (status, code) => {
    const error = await errorFor({ kind: 'error', status });
    expect(error).toMatchObject({ code, status, retryable: false, requestId: 'req_fake_0' });
  });

  it.each([
    [408, 'request_timeout'],
    [409, 'conflict'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
  ])('%i is retryable (%s)', async (status, code) => {
    const error = await errorFor({ kind: 'error', status });
    expect(error).toMatchObject({ code, status, retryable: true, retryAfterMs: undefined });
  });

  it('429 is retryable and carries the server-given wait', async () => {
    expect(await errorFor({ kind: 'rate-limited', retryAfterMs: 50 })).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryable: true,
      retryAfterMs: 50,
    });
    expect((await errorFor({ kind: 'rate-limited', retryAfterSeconds: 2 })).retryAfterMs).toBe(2000);
    expect((await errorFor({ kind: 'rate-limited' })).message).toBe(
      'LLM server answered 429 Rate limit reached',
    );
    const resets = await errorFor({
      kind: 'rate-limited',
      headers: { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' },
    });
    expect(resets.retryAfterMs).toBe(360_000);
  });

  it('429 insufficient_quota is not retryable: waiting does not add credit', async () => {
    const error = await errorFor({ kind: 'error', status: 429, code: 'insufficient_quota' });
    expect(error).toMatchObject({ code: 'insufficient_quota', retryable: false });
  });

  it('the server may say whether to retry', async () => {
    const error = await errorFor({ kind: 'error', status: 503, headers: { 'x-should-retry': 'false' } });
    expect(error.retryable).toBe(false);
  });

  it('a timeout is retryable', async () => {
    const error = await errorFor('hang', { timeoutMs: 200 });
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(server.calls).toHaveLength(1); // maxRetries: 0, the SDK did not retry on its own
  });

  it('a refused connection is retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await fakeSummarizer({ ...server, baseUrl: `http://127.0.0.1:${port}/v1` })
      .summarize(ROUTEVIT, TEST_CONTEXT)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ProviderError', code: 'connection_failed', retryable: true });
  });
});
