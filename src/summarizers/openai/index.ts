export {
  BRIEF_FORMAT_NAME,
  BRIEF_JSON_SCHEMA,
  BRIEF_JSON_SCHEMA_WITH_LENGTHS,
  BRIEF_TOOL_NAME,
  LLM_MODES,
  buildFixedPrompt,
  renderPaperMessage,
  type FixedPrompt,
  type FormatOptions,
  type LlmMode,
} from './brief-request.js';
export { checkBriefAnswer, describeProblem, type BriefAnswerCheck } from './check-brief-answer.js';
export { classifyOpenAiError } from './classify-openai-error.js';
export {
  REASONING_MODEL,
  createOpenAiSummarizer,
  type OpenAiSummarizer,
  type OpenAiSummarizerOptions,
} from './openai-summarizer.js';
export {
  FALLBACK_ORDER,
  createOutputModeNegotiator,
  isModeRejection,
  type OutputMode,
} from './output-mode.js';
export { createAdaptiveConcurrency, type AdaptiveConcurrency } from './adaptive-concurrency.js';
export {
  LLM_SERVERS,
  detectLlmServer,
  serverProfile,
  type LlmServer,
  type ServerProfile,
} from './server-profile.js';
export {
  DEFAULT_PROMPT_NAME,
  loadPromptTemplates,
  renderTemplate,
  type PromptTemplates,
} from './prompt-templates.js';
