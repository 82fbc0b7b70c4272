import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * The only reader of process.env. Environment variables are parsed once with zod into a frozen
 * Config; CLI flags are applied on top by the CLI (flags win). Every variable is listed in README.
 */

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim()));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** An empty value (as in a copied .env.example) means unset. */
const emptyIsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalPositiveInt = z.preprocess(
  (value) => (value === undefined || value === '' ? undefined : value),
  z.coerce.number().int().positive().optional(),
);
/** The longest delay a Node timer holds, in milliseconds. */
const MAX_TIMER_MS = 2_147_483_647;
const optionalPositive = z.preprocess(
  (value) => (value === undefined || value === '' ? undefined : value),
  z.coerce.number().positive().optional(),
);

export const EnvSchema = z.object({
  // Core
  PAPERBRIEF_DB: z.string().default('./data/paperbrief.db'),
  DATABASE_URL: optionalString,
  PAPERBRIEF_TAXONOMY: optionalString,
  /** Unset: 4, or the LLM server profile's default (`runConcurrency`, compose/pipeline-parts.ts). */
  PAPERBRIEF_CONCURRENCY: optionalPositiveInt,
  PAPERBRIEF_MAX_TAGS: positiveInt(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** stderr log lines: readable text (default), JSON lines, or colourised (pino-pretty). */
  LOG_FORMAT: z.preprocess(emptyIsUnset, z.enum(['text', 'json', 'pretty']).optional()),
  // LLM provider
  // Empty (as in a copied .env.example) means unset: the provider is then chosen as documented.
  PAPERBRIEF_PROVIDER: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.enum(['extractive', 'openai', 'azure']).optional(),
  ),
  OPENAI_API_KEY: optionalString,
  // Checked at start-up: a malformed URL would otherwise fail every paper, one at a time.
  OPENAI_BASE_URL: optionalString.refine(
    (value) => value === undefined || URL.canParse(value),
    'must be a URL, e.g. http://127.0.0.1:8000/v1',
  ),
  PAPERBRIEF_MODEL: optionalString,
  PAPERBRIEF_LLM_MODE: z.enum(['auto', 'json_schema', 'json_object', 'tools']).default('auto'),
  /** Unset: detected from OPENAI_BASE_URL (src/summarizers/openai/server-profile.ts). */
  PAPERBRIEF_LLM_SERVER: z.preprocess(
    emptyIsUnset,
    z.enum(['openai', 'azure', 'vllm', 'llamacpp', 'ollama', 'other']).optional(),
  ),
  AZURE_OPENAI_ENDPOINT: optionalString,
  AZURE_OPENAI_API_KEY: optionalString,
  OPENAI_API_VERSION: optionalString,
  PAPERBRIEF_PROMPTS_DIR: optionalString,
  PAPERBRIEF_PRICES: optionalString,
  PAPERBRIEF_MAX_COST: optionalPositive,
  PAPERBRIEF_RPM: optionalPositive,
  PAPERBRIEF_TPM: optionalPositive,
  /**
   * Unset: the LLM server profile's default. Node timers hold at most 2^31-1 ms; a larger value
   * would silently become 1 ms, so it is refused.
   */
  PAPERBRIEF_LLM_TIMEOUT_MS: z.preprocess(
    (value) => (value === undefined || value === '' ? undefined : value),
    z.coerce.number().int().positive().max(MAX_TIMER_MS, 'at most 2147483647 (about 24.8 days)').optional(),
  ),
  PAPERBRIEF_MAX_CONNECTION_FAILURES: positiveInt(5),
  PAPERBRIEF_MAX_REPAIRS: z.coerce.number().int().nonnegative().default(1),
  PAPERBRIEF_MAX_TOKENS: positiveInt(1500),
  // Queue
  REDIS_URL: optionalString,
  REDIS_CLUSTER_NODES: optionalString,
  REDIS_USERNAME: optionalString,
  REDIS_PASSWORD: optionalString,
  REDIS_TLS_CA_FILE: optionalString,
  // `paperbrief`, or `{paperbrief}` (a hash tag) with REDIS_CLUSTER_NODES: see queuePrefix.
  PAPERBRIEF_QUEUE_PREFIX: optionalString,
  PAPERBRIEF_JOB_ATTEMPTS: positiveInt(5),
  PAPERBRIEF_KEEP_COMPLETED: z.coerce.number().int().nonnegative().default(1000),
  PAPERBRIEF_KEEP_FAILED: z.coerce.number().int().nonnegative().default(10_000),
  PAPERBRIEF_SHUTDOWN_TIMEOUT_MS: positiveInt(30_000),
  PAPERBRIEF_LOCK_DURATION_MS: positiveInt(30_000),
  PAPERBRIEF_STALLED_INTERVAL_MS: positiveInt(30_000),
  PAPERBRIEF_INTAKE_RETRY_MS: positiveInt(5_000),
  PAPERBRIEF_HF_API_URL: z.url().default('https://huggingface.co/api/daily_papers'),
  PAPERBRIEF_ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  // Delivery and API
  PAPERBRIEF_WEBHOOK_URL: optionalString,
  PAPERBRIEF_WEBHOOK_SECRET: optionalString,
  PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: optionalString,
  PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE: flag,
  PAPERBRIEF_WEBHOOKS_FILE: optionalString,
  PAPERBRIEF_SLACK_WEBHOOK_URL: optionalString,
  PAPERBRIEF_DISCORD_WEBHOOK_URL: optionalString,
  PAPERBRIEF_API_TOKEN: optionalString,
  PAPERBRIEF_API_TOKENS_FILE: optionalString,
  PAPERBRIEF_PUBLIC_READ: flag,
  PAPERBRIEF_API_MAX_PAPERS: positiveInt(500),
  PAPERBRIEF_API_RATE_LIMIT: positiveInt(600),
  PAPERBRIEF_API_ANON_RATE_LIMIT: positiveInt(60),
  PORT: positiveInt(8080),
});

export type Config = Readonly<z.infer<typeof EnvSchema>>;

/** Values that win over the environment, named like the variables they replace (CLI flags). */
export type ConfigOverrides = Readonly<Partial<Record<keyof z.input<typeof EnvSchema>, string | undefined>>>;

/**
 * Parses the environment, with `overrides` on top (an undefined override leaves the variable
 * alone), into a frozen Config. Flags and environment go through the same zod schema once.
 * @throws ConfigError naming the variable and what is wrong with it.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  const parsed = EnvSchema.safeParse({ ...env, ...Object.fromEntries(given) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}

/**
 * The provider to use: explicit choice, else `azure` when AZURE_OPENAI_ENDPOINT is set, `openai`
 * when an API key or base URL is set, else offline.
 */
export function resolveProvider(config: Config): 'extractive' | 'openai' | 'azure' {
  if (config.PAPERBRIEF_PROVIDER) return config.PAPERBRIEF_PROVIDER;
  if (config.AZURE_OPENAI_ENDPOINT) return 'azure';
  return config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? 'openai' : 'extractive';
}
