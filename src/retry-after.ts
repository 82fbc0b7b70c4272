/**
 * Server-given waits, read the same way wherever paperbrief talks HTTP: the LLM provider's errors
 * (src/summarizers/openai/), source polls (src/watch/) and webhook answers (src/delivery/).
 * The backoff (src/backoff.ts) and BullMQ then honour the result through `retryAfterMs`.
 */

/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `retry-after`
 * (seconds or an HTTP date), else the later of OpenAI's `x-ratelimit-reset-requests` /
 * `x-ratelimit-reset-tokens` (durations such as `1s`, `6m0s`, `20ms`). Undefined when none is
 * usable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;

  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;

  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']
    .map((name) => parseDurationMs(headers.get(name)))
    .filter((value): value is number => value !== undefined);
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

/**
 * One `Retry-After` value as milliseconds from `now`: delta seconds (`7`, `1.5`) or an HTTP date
 * (a date in the past means "now": 0). Undefined for anything else, or no value.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // Checked before Date.parse, which would read a bare "7" or "1.5" as a date in 2001.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number.parseFloat(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `1h2m3.5s`, `6m0s`, `20ms` → milliseconds; undefined for anything else. */
export function parseDurationMs(text: string | null | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    if (match.index !== consumed) return undefined;
    total += Number.parseFloat(match[1] as string) * (UNIT_MS[match[2] as string] as number);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? total : undefined;
}
