import { resolveProvider, type Config } from '../../config.js';
import { runConcurrency, storeLocation } from '../pipeline-parts.js';
import { DEFAULT_OPENAI_MODEL, configuredServerProfile } from '../openai-summarizer.js';
import type { CheckResult } from './doctor-check.js';
import { maskSecret, maskUrlPassword } from './mask-secret.js';

/** The configuration a run would use, on one line, secrets masked. */
export function describeConfig(config: Config): CheckResult {
  const provider = resolveProvider(config);
  const parts = [`provider ${provider}`];
  if (provider !== 'extractive') {
    const profile = configuredServerProfile(config, provider);
    const where =
      provider === 'azure'
        ? `AZURE_OPENAI_ENDPOINT ${config.AZURE_OPENAI_ENDPOINT ?? 'unset'}, OPENAI_API_VERSION ${config.OPENAI_API_VERSION ?? 'unset'}`
        : `OPENAI_BASE_URL ${config.OPENAI_BASE_URL ?? "OpenAI's"}`;
    const key = provider === 'azure' ? config.AZURE_OPENAI_API_KEY : config.OPENAI_API_KEY;
    parts.push(
      `server ${profile.server}${config.PAPERBRIEF_LLM_SERVER ? '' : ' (detected)'}`,
      where,
      `${provider === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY'} ${maskSecret(key)}`,
      `model ${config.PAPERBRIEF_MODEL ?? DEFAULT_OPENAI_MODEL}`,
      `mode ${config.PAPERBRIEF_LLM_MODE}`,
      `timeout ${config.PAPERBRIEF_LLM_TIMEOUT_MS ?? profile.timeoutMs} ms`,
    );
  }
  let store: string;
  try {
    store = maskUrlPassword(storeLocation(config));
  } catch (error) {
    return { name: 'config', status: 'config', detail: (error as Error).message };
  }
  parts.push(
    `concurrency ${runConcurrency(config)}`,
    `store ${store}`,
    config.REDIS_CLUSTER_NODES === undefined
      ? `REDIS_URL ${maskUrlPassword(config.REDIS_URL)}`
      : `REDIS_CLUSTER_NODES ${config.REDIS_CLUSTER_NODES.split(',')
          .map((node) => maskUrlPassword(node.trim()))
          .join(',')}`,
  );
  if (config.PAPERBRIEF_WEBHOOK_SECRET)
    parts.push(`webhook secret ${maskSecret(config.PAPERBRIEF_WEBHOOK_SECRET)}`);
  if (config.PAPERBRIEF_API_TOKEN) parts.push(`API token ${maskSecret(config.PAPERBRIEF_API_TOKEN)}`);
  return { name: 'config', status: 'ok', detail: parts.join(', ') };
}
