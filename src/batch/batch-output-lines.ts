import type { ChatCompletion } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { InvalidInputError } from '../errors.js';

/**
 * A line of a Batch API output or error file (OpenAI, Azure, vLLM `run-batch`):
 * `{ id, custom_id, response: { status_code, request_id, body } | null, error: { code, message } | null }`.
 */
export const BatchOutputLineSchema = z.object({
  custom_id: z.string().min(1),
  response: z
    .object({
      status_code: z.number().int(),
      request_id: z.string().nullish(),
      body: z.unknown(),
    })
    .nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
export type BatchOutputLine = z.infer<typeof BatchOutputLineSchema>;

/** The parts of a chat completion the summarizer reads; the rest passes through unchecked. */
const ChatCompletionBodySchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      message: z.looseObject({ content: z.string().nullish(), refusal: z.string().nullish() }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z
    .looseObject({
      prompt_tokens: z.number().nonnegative(),
      completion_tokens: z.number().nonnegative(),
    })
    .nullish(),
});

/** What one output line says: an answer to brief from, or why there is none. */
export type LineOutcome =
  | { kind: 'answer'; completion: ChatCompletion; requestId: string | undefined }
  | { kind: 'error'; reason: string };

export function outcomeOfLine(line: BatchOutputLine): LineOutcome {
  const { response, error } = line;
  if (error) return { kind: 'error', reason: `${error.code ?? 'error'}: ${error.message ?? 'no message'}` };
  if (!response) return { kind: 'error', reason: 'no_response: the line has neither response nor error' };
  if (response.status_code !== 200) {
    const message = (response.body as { error?: { message?: unknown } } | undefined)?.error?.message;
    return { kind: 'error', reason: `http_${response.status_code}: ${String(message ?? 'no message')}` };
  }
  const body = ChatCompletionBodySchema.safeParse(response.body);
  if (!body.success) {
    const issue = body.error.issues[0];
    return { kind: 'error', reason: `bad_response: body.${issue?.path.join('.')}: ${issue?.message}` };
  }
  // Checked above for every field the summarizer reads.
  return {
    kind: 'answer',
    completion: body.data as unknown as ChatCompletion,
    requestId: response.request_id ?? undefined,
  };
}

/**
 * Reads an output or error file's lines, keyed by custom_id (blank lines skipped).
 * @throws InvalidInputError naming the file and line of the first line that is not an output line.
 */
export function parseOutputLines(text: string, sourceName: string): Map<string, BatchOutputLine> {
  const lines = new Map<string, BatchOutputLine>();
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new InvalidInputError(`${sourceName} line ${index + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = BatchOutputLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(
        `${sourceName} line ${index + 1}: field "${issue?.path.join('.')}": ${issue?.message}`,
      );
    }
    lines.set(parsed.data.custom_id, parsed.data);
  });
  return lines;
}
