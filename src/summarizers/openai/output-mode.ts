import type { Logger } from 'pino';
import { ProviderError } from '../../errors.js';

/** A structured-output mode a request is actually sent with. */
export type OutputMode = 'json_schema' | 'tools' | 'json_object';
/** What the user asks for: one mode, or `auto` (try them in FALLBACK_ORDER). */
export type LlmMode = OutputMode | 'auto';
export const LLM_MODES: readonly LlmMode[] = ['auto', 'json_schema', 'json_object', 'tools'];
/** `auto` tries these in order: the strictest first. */
export const FALLBACK_ORDER: readonly OutputMode[] = ['json_schema', 'tools', 'json_object'];

/** What a request's parameter rejection names, per mode (OpenAI, llama.cpp, vLLM wordings). */
const REJECTION: Readonly<Record<OutputMode, RegExp>> = {
  json_schema: /response_format|json_schema|structured output/i,
  tools: /\btools?\b|tool_choice|function/i,
  json_object: /response_format|json_object/i,
};

/**
 * True when `error` is the server refusing the mode itself (a 400 or 422 that names its request
 * field), not the paper or the server being unwell.
 */
export function isModeRejection(error: unknown, mode: OutputMode): error is ProviderError {
  return (
    error instanceof ProviderError &&
    (error.status === 400 || error.status === 422) &&
    REJECTION[mode].test(error.message)
  );
}

/** One call's use of a mode; `settle` tells the negotiator how the server took it. */
export interface ModeLease {
  readonly mode: OutputMode;
  /** `accepted`: the server answered; `rejected`: see isModeRejection; `unknown`: any other error. */
  settle(outcome: 'accepted' | 'rejected' | 'unknown'): void;
}

export interface OutputModeNegotiator {
  /** The mode to send the next call with. In `auto`, waits while another call is finding out. */
  acquire(): Promise<ModeLease>;
  /** The mode now in use, and whether a server answer has confirmed it. */
  current(): { mode: OutputMode; confirmed: boolean };
}

/**
 * Picks the output mode for every call of a run (or a worker). A fixed mode is used as is. `auto`
 * sends one call with `json_schema` while the other calls wait; on a rejection naming the mode it
 * moves to the next one (`tools`, then `json_object`), logs it once and lets the next call find
 * out; the first answer confirms the mode for the rest of the run. So a server without
 * `json_schema` costs one extra call per run, not one per paper.
 */
export function createOutputModeNegotiator(requested: LlmMode, logger: Logger): OutputModeNegotiator {
  if (requested !== 'auto') {
    const fixed: ModeLease = { mode: requested, settle: () => undefined };
    return { acquire: async () => fixed, current: () => ({ mode: requested, confirmed: true }) };
  }
  let index = 0;
  let confirmed = false;
  /** Resolves when the call finding out has settled; undefined when no call is finding out. */
  let probe: Promise<void> | undefined;

  const acquire = async (): Promise<ModeLease> => {
    while (!confirmed && probe) await probe;
    const mode = FALLBACK_ORDER[index]!;
    if (confirmed) return { mode, settle: () => undefined };
    let release!: () => void;
    probe = new Promise((resolve) => (release = resolve));
    let settled = false;
    return {
      mode,
      settle(outcome) {
        if (settled) return;
        settled = true;
        if (outcome === 'accepted') {
          confirmed = true;
          if (index > 0) logger.info({ llmMode: mode }, `LLM output mode: ${mode} (auto)`);
        } else if (outcome === 'rejected' && index < FALLBACK_ORDER.length - 1) {
          index++;
          logger.warn(
            { rejected: mode, next: FALLBACK_ORDER[index] },
            `the LLM server does not take the ${mode} output mode; using ${FALLBACK_ORDER[index]} for the ` +
              `rest of the run (set --llm-mode ${FALLBACK_ORDER[index]} to skip this check)`,
          );
        }
        probe = undefined;
        release();
      },
    };
  };
  return { acquire, current: () => ({ mode: FALLBACK_ORDER[index]!, confirmed }) };
}
