import { describe, expect, it } from 'vitest';
import { backoffDelayMs, withRetries } from '../src/backoff.js';
import { PaperbriefError, ProviderError } from '../src/errors.js';

const noSleep = async (): Promise<void> => {};
const rateLimited = () => new ProviderError('rate_limited', '429', { retryable: true, retryAfterMs: 10 });
const serverError = () => new ProviderError('server_error', '500', { retryable: true });

async function failuresThenSuccess(errors: Error[], options: Parameters<typeof withRetries>[1] = {}) {
  let calls = 0;
  const result = await withRetries(
    async () => {
      const error = errors[calls++];
      if (error) throw error;
      return 'ok';
    },
    { sleep: noSleep, ...options },
  );
  return { result, calls };
}

describe('backoffDelayMs', () => {
  it('honours the server-given wait, capped at maxMs', () => {
    expect(backoffDelayMs(1, rateLimited())).toBe(10);
    expect(
      backoffDelayMs(1, new ProviderError('rate_limited', '', { retryAfterMs: 1e9 }), { maxMs: 500 }),
    ).toBe(500);
  });

  it('grows exponentially with jitter between half and the whole ceiling', () => {
    expect(backoffDelayMs(1, serverError(), { baseMs: 100, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(3, serverError(), { baseMs: 100, random: () => 0.999 })).toBeCloseTo(400, -1);
  });
});

describe('withRetries', () => {
  it('retries retryable errors until attempts run out, then throws the last one', async () => {
    await expect(
      failuresThenSuccess([serverError(), serverError(), serverError()], { attempts: 3 }),
    ).rejects.toThrow('500');
    await expect(failuresThenSuccess([serverError(), serverError()], { attempts: 3 })).resolves.toEqual({
      result: 'ok',
      calls: 3,
    });
  });

  it('never retries an error that is not retryable', async () => {
    const fatal = new PaperbriefError('invalid_input', 'bad');
    await expect(failuresThenSuccess([fatal], { attempts: 5 })).rejects.toBe(fatal);
  });

  it('gives 429s their own allowance so they do not use up the attempts', async () => {
    const errors = [rateLimited(), rateLimited(), rateLimited(), serverError(), rateLimited(), rateLimited()];
    await expect(failuresThenSuccess(errors, { attempts: 2 })).resolves.toEqual({ result: 'ok', calls: 7 });
    const endless = Array.from({ length: 30 }, rateLimited);
    await expect(failuresThenSuccess(endless, { attempts: 2, rateLimitAttempts: 4 })).rejects.toThrow('429');
  });
});
