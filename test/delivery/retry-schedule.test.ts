import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  maxAttempts,
  nextDelayMs,
  parseRetrySchedule,
  retryScheduleFrom,
} from '../../src/delivery/retry-schedule.js';
import { ConfigError } from '../../src/errors.js';

describe('parseRetrySchedule', () => {
  it('reads comma-separated durations in ms, s, m, h and d', () => {
    expect(parseRetrySchedule('5s,5m,30m')).toEqual([5_000, 300_000, 1_800_000]);
    expect(parseRetrySchedule(' 50ms , 100ms,1.5s ')).toEqual([50, 100, 1_500]);
    expect(parseRetrySchedule('2h,1d,0ms')).toEqual([7_200_000, 86_400_000, 0]);
  });

  it('names the variable and the item that is not a duration', () => {
    expect(() => parseRetrySchedule('5s,5x,30m')).toThrow(ConfigError);
    expect(() => parseRetrySchedule('5s,5x,30m')).toThrow(
      /PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: item 2 is "5x"/,
    );
    expect(() => parseRetrySchedule('5s,,30m')).toThrow(/item 2 is an empty item/);
    expect(() => parseRetrySchedule('100')).toThrow(/item 1 is "100", not a duration/);
    expect(() => parseRetrySchedule('-5s')).toThrow(/"-5s"/);
  });

  it('defaults to 5s, 5m, 30m, 2h, 5h, 10h, 10h when the variable is unset', () => {
    expect(retryScheduleFrom({})).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(retryScheduleFrom({ PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: '50ms,50ms' })).toEqual([50, 50]);
  });
});

describe('nextDelayMs', () => {
  it('gives the wait after each failed attempt, then null when the schedule is spent', () => {
    const schedule = parseRetrySchedule('50ms,5s,5m');
    expect([1, 2, 3, 4].map((attemptsMade) => nextDelayMs(attemptsMade, schedule))).toEqual([
      50,
      5_000,
      300_000,
      null,
    ]);
    expect(maxAttempts(schedule)).toBe(4);
    expect(nextDelayMs(7, DEFAULT_RETRY_SCHEDULE_MS)).toBe(36_000_000);
    expect(nextDelayMs(8, DEFAULT_RETRY_SCHEDULE_MS)).toBeNull();
    expect(nextDelayMs(1, [])).toBeNull();
  });

  it('refuses an attempt count that is not a positive integer', () => {
    expect(() => nextDelayMs(0, [5])).toThrow(RangeError);
    expect(() => nextDelayMs(1.5, [5])).toThrow(RangeError);
  });
});
