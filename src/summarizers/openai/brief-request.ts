import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { BriefContentSchema } from '../../briefs/brief.js';
import type { Paper } from '../../papers/paper.js';
import { renderTemplate, type PromptTemplates } from './prompt-templates.js';

/** How the model is asked for structured output; servers lacking one mode can use another. */
export type LlmMode = 'json_schema' | 'json_object' | 'tools';
export const LLM_MODES: readonly LlmMode[] = ['json_schema', 'json_object', 'tools'];

export const BRIEF_FORMAT_NAME = 'brief';
export const BRIEF_TOOL_NAME = 'record_brief';

/**
 * Keywords OpenAI's strict mode does not accept (its documented subset has `pattern`, `format`
 * and `min/maxItems`, but no string lengths). Dropping them loses nothing: the answer is still
 * validated with the full zod schema, refinements included.
 */
const UNSUPPORTED_KEYWORDS = new Set(['$schema', 'minLength', 'maxLength']);

function stripUnsupported(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripUnsupported);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !UNSUPPORTED_KEYWORDS.has(key))
      .map(([key, value]) => [key, stripUnsupported(value)]),
  );
}

/**
 * The JSON Schema of a brief's content, built from `BriefContentSchema` and fit for strict
 * structured output: every property required, `additionalProperties: false`, nullable fields as
 * `anyOf [..., null]`.
 */
export const BRIEF_JSON_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze(
  stripUnsupported(z.toJSONSchema(BriefContentSchema, { target: 'draft-7', io: 'output' })) as Record<
    string,
    unknown
  >,
);

type FormatParams = Pick<ChatCompletionCreateParamsNonStreaming, 'response_format' | 'tools' | 'tool_choice'>;

/** The part of every request that is the same for every paper (provider prefix caching). */
export interface FixedPrompt {
  readonly system: string;
  /** The mode's request fields: `response_format`, or `tools` + `tool_choice`. */
  readonly format: FormatParams;
  /** The system prompt and the serialised format fields: what is measured in tokens. */
  readonly text: string;
}

function formatParams(mode: LlmMode): FormatParams {
  switch (mode) {
    case 'json_schema':
      return {
        response_format: {
          type: 'json_schema',
          json_schema: { name: BRIEF_FORMAT_NAME, strict: true, schema: { ...BRIEF_JSON_SCHEMA } },
        },
      };
    case 'json_object':
      return { response_format: { type: 'json_object' } };
    case 'tools':
      return {
        tools: [
          {
            type: 'function',
            function: {
              name: BRIEF_TOOL_NAME,
              description: 'Records the brief of the paper.',
              strict: true,
              parameters: { ...BRIEF_JSON_SCHEMA },
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: BRIEF_TOOL_NAME } },
      };
  }
}

/**
 * Builds the fixed prompt of a mode. Deterministic: the same templates, mode and tags give
 * byte-identical text, so providers can serve it from their prefix cache.
 */
export function buildFixedPrompt(
  prompts: PromptTemplates,
  mode: LlmMode,
  tags: Iterable<string>,
): FixedPrompt {
  let system = renderTemplate(prompts.system, { tags: [...tags].join(', ') });
  if (mode === 'json_object') {
    // Without a response schema the model only knows the shape from the prompt.
    system += `\n\n${renderTemplate(prompts.jsonObject, { schema: JSON.stringify(BRIEF_JSON_SCHEMA) })}`;
  }
  const format = formatParams(mode);
  return { system, format, text: `${system}\n${JSON.stringify(format)}` };
}

/** Tags that would end or restart the paper's data block if a title or abstract carried them. */
const DELIMITER_TAG = /<\s*(\/?)\s*(paper|title|abstract)\s*>/gi;

/** The user message: the paper as delimited data, its own text unable to close the block. */
export function renderPaperMessage(
  prompts: PromptTemplates,
  paper: Pick<Paper, 'title' | 'abstract'>,
): string {
  const neutralise = (text: string) => text.replace(DELIMITER_TAG, '[$1$2]');
  return renderTemplate(prompts.user, {
    title: neutralise(paper.title),
    abstract: neutralise(paper.abstract),
  });
}
