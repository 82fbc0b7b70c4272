import type OpenAI from 'openai';
import { resolveProvider, type Config } from '../../config.js';
import { ConfigError, ProviderError } from '../../errors.js';
import { bareModelName } from '../../cost/price-table.js';
import {
  REASONING_MODEL,
  FALLBACK_ORDER,
  buildFixedPrompt,
  classifyOpenAiError,
  isModeRejection,
  loadPromptTemplates,
  type OutputMode,
} from '../../summarizers/openai/index.js';
import { DEFAULT_OPENAI_MODEL, configuredServerProfile, createOpenAiClient } from '../openai-summarizer.js';
import { reasonOf, type CheckResult } from './doctor-check.js';

/** Completion tokens of a probe call: enough for any server to accept, cheap everywhere. */
const PROBE_TOKENS = 16;

/**
 * Lists the server's models (a server without the route is fine), then sends one small call per
 * output mode until one is accepted (`auto`), or with the configured mode. A 401/403 is a wrong key
 * (exit 2, naming the variable), a 404 an unknown model or deployment, a connection failure or 5xx
 * a server that is down (exit 1). Failures quote the server's answer.
 */
export async function checkLlm(config: Config): Promise<CheckResult> {
  const provider = resolveProvider(config);
  if (provider === 'extractive') {
    return {
      name: 'llm',
      status: 'skip',
      detail: 'provider extractive: no LLM (set OPENAI_API_KEY or OPENAI_BASE_URL)',
    };
  }
  const names =
    provider === 'azure'
      ? {
          key: 'AZURE_OPENAI_API_KEY',
          url: 'AZURE_OPENAI_ENDPOINT',
          model: 'PAPERBRIEF_MODEL (the deployment)',
        }
      : { key: 'OPENAI_API_KEY', url: 'OPENAI_BASE_URL', model: 'PAPERBRIEF_MODEL (--model)' };
  let client: OpenAI;
  try {
    client = createOpenAiClient(config, provider);
  } catch (error) {
    return { name: 'llm', status: error instanceof ConfigError ? 'config' : 'down', detail: reasonOf(error) };
  }
  const model = config.PAPERBRIEF_MODEL ?? DEFAULT_OPENAI_MODEL;
  const profile = configuredServerProfile(config, provider);
  const where = `${profile.server} server at ${client.baseURL}, model ${model}`;
  const failed = (error: ProviderError): CheckResult => {
    const answer = `${where}: ${error.message}`;
    if (error.status === 401 || error.status === 403) {
      return { name: 'llm', status: 'config', detail: `${answer}; check ${names.key}` };
    }
    if (error.status === 404)
      return { name: 'llm', status: 'config', detail: `${answer}; check ${names.model} and ${names.url}` };
    if (error.status === 400 || error.status === 422) {
      return {
        name: 'llm',
        status: 'config',
        detail: `${answer}; check PAPERBRIEF_LLM_MODE (--llm-mode) and ${names.model}`,
      };
    }
    return { name: 'llm', status: 'down', detail: `${answer}; check ${names.url} and that the server runs` };
  };

  let listed = 'no model list';
  try {
    const page = await client.models.list();
    listed = `${page.data.length} model(s) listed`;
  } catch (error) {
    const classified = classifyOpenAiError(error);
    if (!(classified instanceof ProviderError)) throw error;
    // Some servers (and Azure deployments) have no model list: the probe call below decides.
    if (classified.status !== 404 && classified.status !== 405) return failed(classified);
  }

  const prompts = loadPromptTemplates({ dir: config.PAPERBRIEF_PROMPTS_DIR });
  const modes: readonly OutputMode[] =
    config.PAPERBRIEF_LLM_MODE === 'auto' ? FALLBACK_ORDER : [config.PAPERBRIEF_LLM_MODE];
  const refused: string[] = [];
  for (const mode of modes) {
    const fixed = buildFixedPrompt(prompts, mode, [], {
      keepLengthLimits: profile.keepLengthLimits,
      toolChoice: profile.toolChoice,
    });
    const tokensField = REASONING_MODEL.test(bareModelName(model)) ? 'max_completion_tokens' : 'max_tokens';
    try {
      await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Reply with an empty JSON object.' }],
        ...fixed.format,
        [tokensField]: PROBE_TOKENS,
      });
      const fallback = refused.length > 0 ? ` (refused: ${refused.join('; ')})` : '';
      return {
        name: 'llm',
        status: 'ok',
        detail: `${where}: ${listed}, output mode ${mode} works${fallback}`,
      };
    } catch (error) {
      const classified = classifyOpenAiError(error);
      if (!(classified instanceof ProviderError)) throw error;
      if (!isModeRejection(classified, mode) || mode === modes[modes.length - 1]) return failed(classified);
      refused.push(`${mode}: ${classified.message}`);
    }
  }
  return { name: 'llm', status: 'config', detail: `${where}: no output mode works` };
}
