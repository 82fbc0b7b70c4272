import { z } from 'zod';
import { packagePath } from '../package-root.js';
import { BriefSchema } from './brief.js';

/** Where the published JSON Schema of brief v1 lives (`npm run schema` writes it). */
export const BRIEF_JSON_SCHEMA_PATH = packagePath('schema', 'brief.v1.json');

/**
 * The JSON Schema (draft 2020-12) of brief v1, generated from `BriefSchema`, so the published file
 * cannot say something the code does not check. Refinements zod checks in code (the TL;DR's 8–40
 * words) have no JSON Schema form and are left out.
 */
export function briefJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(BriefSchema, { target: 'draft-2020-12', io: 'output' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'paperbrief brief v1',
    description:
      'One brief of one paper: the wire format of paperbrief JSONL files, webhooks, the store and the HTTP API.',
    ...rest,
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export function briefJsonSchemaText(): string {
  return `${JSON.stringify(briefJsonSchema(), null, 2)}\n`;
}
