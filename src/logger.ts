import pino, { type Logger } from 'pino';

export interface LoggerOptions {
  /** pino level; `silent` in tests. @default 'info' */
  level?: string;
  /** Human-readable output (pino-pretty) instead of JSON lines. @default false */
  pretty?: boolean;
  /**
   * `json`: JSON lines; `text`: one plain line per entry (`warn: message (key=value)`), for stderr
   * that is not a terminal but is read by a person; `pretty`: pino-pretty. Wins over `pretty`.
   * @default json, or pretty when `pretty` is set
   */
  format?: 'json' | 'text' | 'pretty';
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const NOT_SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/** One pino JSON line as `warn: message (key=value, ...)`. */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = LEVEL_NAMES[entry.level as number] ?? String(entry.level);
  const fields = Object.entries(entry)
    .filter(([key]) => !NOT_SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  return `${level}: ${message}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}\n`;
}

/** Keys whose values never reach a log line. */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'webhookSecret',
  '*.webhookSecret',
  'OPENAI_API_KEY',
  '*.OPENAI_API_KEY',
  // Redis logins (REDIS_PASSWORD, or the `password` of connection settings).
  'password',
  '*.password',
  'REDIS_PASSWORD',
  '*.REDIS_PASSWORD',
];

/** The process logger: JSON to stderr (fd 2), so stdout stays free for `--out -`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  const format = options.format ?? (options.pretty ? 'pretty' : 'json');
  if (format === 'text') {
    return pino(base, { write: (line: string) => process.stderr.write(formatLogLine(line)) });
  }
  if (format === 'pretty') {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } }));
  }
  return pino(base, pino.destination(2));
}
