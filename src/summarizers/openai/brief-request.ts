import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { BriefContentSchema } from '../../briefs/brief.js';
import type { Paper } from '../../papers/paper.js';
import type { OutputMode } from './output-mode.js';
import { renderTemplate, type PromptTemplates } from './prompt-templates.js';

export { FALLBACK_ORDER, LLM_MODES, type LlmMode } from './output-mode.js';

export const BRIEF_FORMAT_NAME = 'brief';
export const BRIEF_TOOL_NAME = 'record_brief';

/**
 * Keywords OpenAI's strict mode does not accept (its documented subset has `pattern`, `format`
 * and `min/maxItems`, but no string lengths). Dropping them loses nothing: the answer is still
 * validated with the full zod schema, refinements included.
 */
const UNSUPPORTED_KEYWORDS = new Set(['$schema', 'minLength', 'maxLength']);

function stripKeywords(node: unknown, keywords: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => stripKeywords(item, keywords));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !keywords.has(key))
      .map(([key, value]) => [key, stripKeywords(value, keywords)]),
  );
}

const FULL_JSON_SCHEMA = z.toJSONSchema(BriefContentSchema, { target: 'draft-7', io: 'output' });

/**
 * The JSON Schema of a brief's content, built from `BriefContentSchema` and fit for strict
 * structured output: every property required, `additionalProperties: false`, nullable fields as
 * `anyOf [..., null]`.
 */
export const BRIEF_JSON_SCHEMA: Readonly<Record<string, unknown>> = Object.freeze(
  stripKeywords(FULL_JSON_SCHEMA, UNSUPPORTED_KEYWORDS) as Record<string, unknown>,
);

/**
 * The same schema with its string lengths, for grammar-based servers (llama.cpp) that enforce
 * them while generating, so a TL;DR cannot run past its 400 characters.
 */
export const BRIEF_JSON_SCHEMA_WITH_LENGTHS: Readonly<Record<string, unknown>> = Object.freeze(
  stripKeywords(FULL_JSON_SCHEMA, new Set(['$schema'])) as Record<string, unknown>,
);

/** How a server wants the schema and the forced tool (see server-profile.ts). */
export interface FormatOptions {
  /** @default false */
  keepLengthLimits?: boolean;
  /** @default 'named' */
  toolChoice?: 'named' | 'required';
}

type FormatParams = Pick<ChatCompletionCreateParamsNonStreaming, 'response_format' | 'tools' | 'tool_choice'>;

/** The part of every request that is the same for every paper (provider prefix caching). */
export interface FixedPrompt {
  readonly system: string;
  /** The mode's request fields: `response_format`, or `tools` + `tool_choice`. */
  readonly format: FormatParams;
  /** The system prompt and the serialised format fields: what is measured in tokens. */
  readonly text: string;
}

function formatParams(mode: OutputMode, options: FormatOptions): FormatParams {
  const schema = options.keepLengthLimits ? BRIEF_JSON_SCHEMA_WITH_LENGTHS : BRIEF_JSON_SCHEMA;
  switch (mode) {
    case 'json_schema':
      return {
        response_format: {
          type: 'json_schema',
          json_schema: { name: BRIEF_FORMAT_NAME, strict: true, schema: { ...schema } },
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
              parameters: { ...schema },
            },
          },
        ],
        // With one tool, "required" forces that tool too; llama.cpp reads only the string form.
        tool_choice:
          options.toolChoice === 'required'
            ? 'required'
            : { type: 'function', function: { name: BRIEF_TOOL_NAME } },
      };
  }
}

/**
 * Builds the fixed prompt of a mode. Deterministic: the same templates, mode and tags give
 * byte-identical text, so providers can serve it from their prefix cache.
 */
export function buildFixedPrompt(
  prompts: PromptTemplates,
  mode: OutputMode,
  tags: Iterable<string>,
  options: FormatOptions = {},
): FixedPrompt {
  let system = renderTemplate(prompts.system, { tags: [...tags].join(', ') });
  if (mode === 'json_object') {
    // Without a response schema the model only knows the shape from the prompt.
    system += `\n\n${renderTemplate(prompts.jsonObject, { schema: JSON.stringify(BRIEF_JSON_SCHEMA) })}`;
  }
  const format = formatParams(mode, options);
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
