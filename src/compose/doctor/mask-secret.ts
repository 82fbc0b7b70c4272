/**
 * A secret as doctor prints it: enough to tell which one is set, never enough to use it.
 * `sk-proj-abc…` → `sk-…(51 chars)`.
 */
export function maskSecret(value: string | undefined): string {
  if (value === undefined) return 'unset';
  return `${value.slice(0, 3)}…(${value.length} chars)`;
}

/** A URL with its password replaced (`postgres://user:***@host/db`); other text unchanged. */
export function maskUrlPassword(value: string | undefined): string {
  if (value === undefined) return 'unset';
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
