import pino, { type Logger } from 'pino';

export interface LoggerOptions {
  /** pino level; `silent` in tests. @default 'info' */
  level?: string;
  /** Human-readable output (pino-pretty) instead of JSON lines. @default false */
  pretty?: boolean;
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
  if (options.pretty) {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } }));
  }
  return pino(base, pino.destination(2));
}
