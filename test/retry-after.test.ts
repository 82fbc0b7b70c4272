import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRetryAfter, retryAfterMs } from '../src/retry-after.js';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('server-given waits', () => {
  it('reads retry-after-ms, retry-after seconds or date, then the rate-limit resets', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '120', 'retry-after': '9' }), now)).toBe(120);
    expect(retryAfterMs(new Headers({ 'retry-after': '1.5' }), now)).toBe(1500);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset-tokens': '20ms' }), now)).toBe(20);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('takes the later of the two rate-limit resets, and only when no Retry-After is usable', () => {
    const resets = { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' };
    expect(retryAfterMs(new Headers(resets), now)).toBe(360_000);
    expect(retryAfterMs(new Headers({ ...resets, 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ ...resets, 'retry-after': 'soon' }), now)).toBe(360_000);
  });

  it('parses OpenAI reset durations', () => {
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('20ms')).toBe(20);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('soon')).toBeUndefined();
    expect(parseDurationMs('1s later')).toBeUndefined();
    expect(parseDurationMs('')).toBeUndefined();
  });
});

describe('one Retry-After value (webhook answers)', () => {
  it('reads delta seconds, padded or not', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date as the time left, and a past date as no wait', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('reads fractional seconds as seconds, not as a date in 2001', () => {
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('is undefined without a usable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
