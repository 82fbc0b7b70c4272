import { InvalidInputError } from '../errors.js';

const UNITS_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since` of `digest`: a span back from `now` (`12h`, `1d`, `2w`) or an ISO date or date-time.
 * Returns the ISO date-time it stands for.
 * @throws InvalidInputError naming the flag for anything else.
 */
export function resolveSince(value: string, now: Date, flag = '--since'): string {
  const span = /^(\d+)([hdw])$/.exec(value.trim());
  if (span)
    return new Date(now.getTime() - Number(span[1]) * (UNITS_MS[span[2] as string] as number)).toISOString();
  const date = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim()) && !Number.isNaN(date.getTime())) return date.toISOString();
  throw new InvalidInputError(
    `${flag} "${value}": expected a span such as 12h, 1d or 2w, or an ISO date such as 2026-01-02`,
  );
}
