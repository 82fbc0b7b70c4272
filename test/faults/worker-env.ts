/**
 * The environment of the worker processes and CLI runs of the fault suite: the openai provider
 * against the fake server, a SQLite file shared by the processes, and short locks, stalled checks
 * and timeouts so a dead worker's jobs come back in about two seconds, not thirty.
 */
export function workerEnv(input: {
  redisUrl: string;
  prefix: string;
  dbFile: string;
  llmBaseUrl: string;
  /** Extra variables on top (webhooks, timeouts). */
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  return {
    REDIS_URL: input.redisUrl,
    PAPERBRIEF_QUEUE_PREFIX: input.prefix,
    PAPERBRIEF_DB: input.dbFile,
    DATABASE_URL: '',
    PAPERBRIEF_PROVIDER: 'openai',
    OPENAI_BASE_URL: input.llmBaseUrl,
    OPENAI_API_KEY: 'test-key',
    PAPERBRIEF_MODEL: 'fake-model',
    PAPERBRIEF_RPM: '',
    PAPERBRIEF_TPM: '',
    PAPERBRIEF_MAX_COST: '',
    PAPERBRIEF_CONCURRENCY: '8',
    PAPERBRIEF_LLM_TIMEOUT_MS: '2000',
    PAPERBRIEF_KEEP_COMPLETED: '10000',
    PAPERBRIEF_LOCK_DURATION_MS: '2000',
    PAPERBRIEF_STALLED_INTERVAL_MS: '1000',
    PAPERBRIEF_SHUTDOWN_TIMEOUT_MS: '10000',
    PAPERBRIEF_WEBHOOK_URL: '',
    PAPERBRIEF_WEBHOOK_SECRET: '',
    PAPERBRIEF_WEBHOOKS_FILE: '',
    LOG_LEVEL: 'warn',
    ...input.extra,
  };
}
