/** The kinds of OpenAI-compatible server paperbrief knows how to talk to (`PAPERBRIEF_LLM_SERVER`). */
export type LlmServer = 'openai' | 'azure' | 'vllm' | 'llamacpp' | 'ollama' | 'other';
export const LLM_SERVERS: readonly LlmServer[] = ['openai', 'azure', 'vllm', 'llamacpp', 'ollama', 'other'];

/** What differs between servers; see docs/decisions/0026-llm-server-profiles-and-auto-mode.md. */
export interface ServerProfile {
  readonly server: LlmServer;
  /**
   * Keep `minLength`/`maxLength` in the request's JSON Schema. Grammar-based servers (llama.cpp's
   * json-schema-to-grammar) enforce them while generating; OpenAI's strict mode does not accept them.
   */
  readonly keepLengthLimits: boolean;
  /**
   * How the one tool is forced in `tools` mode: OpenAI's object form `{type, function: {name}}`, or
   * the string `"required"`, which llama.cpp's server reads (it reads `tool_choice` only as a
   * string and takes the object form as `auto`).
   */
  readonly toolChoice: 'named' | 'required';
  /** LLM calls at once when `PAPERBRIEF_CONCURRENCY` is unset. */
  readonly concurrency: number;
  /** Timeout of one call when `PAPERBRIEF_LLM_TIMEOUT_MS` is unset, in milliseconds. */
  readonly timeoutMs: number;
}

const PROFILES: Readonly<Record<LlmServer, Omit<ServerProfile, 'server'>>> = {
  openai: { keepLengthLimits: false, toolChoice: 'named', concurrency: 4, timeoutMs: 60_000 },
  azure: { keepLengthLimits: false, toolChoice: 'named', concurrency: 4, timeoutMs: 60_000 },
  // vLLM documents the named form in every version, "required" only from 0.8.3. Its grammar
  // backends differ in what they support, so the lengths stay out as for OpenAI.
  vllm: { keepLengthLimits: false, toolChoice: 'named', concurrency: 4, timeoutMs: 120_000 },
  // One model on local hardware, often one slot: a long timeout and one call at a time.
  llamacpp: { keepLengthLimits: true, toolChoice: 'required', concurrency: 1, timeoutMs: 300_000 },
  ollama: { keepLengthLimits: false, toolChoice: 'required', concurrency: 1, timeoutMs: 300_000 },
  // The string form is the one OpenAI, vLLM >= 0.8.3, llama.cpp and Groq all accept.
  other: { keepLengthLimits: false, toolChoice: 'required', concurrency: 4, timeoutMs: 60_000 },
};

/** The profile of a server kind. */
export function serverProfile(server: LlmServer): ServerProfile {
  return { server, ...PROFILES[server] };
}

/**
 * Guesses the server from its base URL when `PAPERBRIEF_LLM_SERVER` is unset: no URL or
 * api.openai.com → openai; `*.openai.azure.com` / `*.cognitiveservices.azure.com` → azure; a host
 * naming ollama, vllm or llama, or the servers' default ports (11434 Ollama, 8000 vLLM, 8080
 * llama-server) → that server; anything else → other.
 */
export function detectLlmServer(baseUrl: string | undefined): LlmServer {
  if (baseUrl === undefined) return 'openai';
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'other';
  }
  const host = url.hostname.toLowerCase();
  if (host === 'api.openai.com') return 'openai';
  if (host.endsWith('.openai.azure.com') || host.endsWith('.cognitiveservices.azure.com')) return 'azure';
  if (host.includes('ollama') || url.port === '11434') return 'ollama';
  if (host.includes('vllm') || url.port === '8000') return 'vllm';
  if (host.includes('llama') || url.port === '8080') return 'llamacpp';
  return 'other';
}
