import { ConfigError } from '../errors.js';

/**
 * When failed webhook deliveries are tried again. A schedule is a list of waits in milliseconds:
 * the first failed attempt waits `schedule[0]`, the second `schedule[1]`, and so on; a delivery
 * therefore gets `schedule.length + 1` attempts in all. The queue owns the retries; this module
 * only says how long to wait.
 */

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about 27.6 hours. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
]);

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Parses a comma-separated list of durations such as `5s,5m,30m` or `50ms,100ms` (units: ms, s,
 * m, h, d; white space around items is ignored) into milliseconds.
 * @param source what to name in errors. @default 'PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE'
 * @throws ConfigError naming the source and the item that is not a duration.
 */
export function parseRetrySchedule(text: string, source = 'PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE'): number[] {
  const items = text.split(',').map((item) => item.trim());
  return items.map((item, index) => {
    const match = DURATION.exec(item);
    if (match === null) {
      const what = item === '' ? 'an empty item' : `"${item}"`;
      throw new ConfigError(
        `${source}: item ${index + 1} is ${what}, not a duration (write e.g. 50ms, 5s, 5m, 2h, 1d; comma-separated)`,
      );
    }
    const [, amount = '0', unit = 'ms'] = match;
    return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
  });
}

/**
 * The schedule set by `PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE`, or the default when it is unset.
 * @throws ConfigError when the variable is set but not a list of durations.
 */
export function retryScheduleFrom(config: {
  PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE?: string | undefined;
}): number[] {
  const text = config.PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE;
  return text === undefined ? [...DEFAULT_RETRY_SCHEDULE_MS] : parseRetrySchedule(text);
}

/**
 * How long to wait after `attemptsMade` attempts have failed (BullMQ's `attemptsMade`: 1 after the
 * first attempt), or null when the schedule is spent and the delivery has failed for good.
 * @throws RangeError when `attemptsMade` is not a positive integer.
 */
export function nextDelayMs(attemptsMade: number, schedule: readonly number[]): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError(`attemptsMade must be a positive integer, got ${attemptsMade}`);
  }
  return schedule[attemptsMade - 1] ?? null;
}

/** Attempts a delivery gets in all under `schedule` (the first one plus one per wait): BullMQ's `attempts`. */
export function maxAttempts(schedule: readonly number[]): number {
  return schedule.length + 1;
}
