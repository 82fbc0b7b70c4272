import { describe, expect, it } from 'vitest';
import { loadTokenCounter } from '../../../src/cost/token-counter.js';
import {
  BRIEF_JSON_SCHEMA,
  FALLBACK_ORDER,
  buildFixedPrompt,
} from '../../../src/summarizers/openai/brief-request.js';
import { loadPromptTemplates } from '../../../src/summarizers/openai/prompt-templates.js';
import { TEST_CONTEXT } from './openai-test-kit.js';

/** Every object node of a JSON Schema, with its path. */
function objectNodes(node: unknown, path = '$'): Array<{ path: string; node: Record<string, unknown> }> {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((child, index) => objectNodes(child, `${path}[${index}]`));
  const record = node as Record<string, unknown>;
  const own = record.type === 'object' ? [{ path, node: record }] : [];
  return [...own, ...Object.entries(record).flatMap(([key, child]) => objectNodes(child, `${path}.${key}`))];
}

describe('brief JSON schema', () => {
  it('fits strict structured output: every property required, no additional properties', () => {
    const objects = objectNodes(BRIEF_JSON_SCHEMA);
    expect(objects.map((object) => object.path)).toEqual(['$', '$.properties.claimed_results.items']);
    for (const { node } of objects) {
      expect(node.additionalProperties).toBe(false);
      expect(new Set(node.required as string[])).toEqual(new Set(Object.keys(node.properties as object)));
    }
    expect(BRIEF_JSON_SCHEMA.required).toEqual([
      'tldr',
      'method_name',
      'contribution_type',
      'claimed_results',
      'tags',
      'code_url',
    ]);
  });

  it('leaves out keywords strict mode rejects; zod still checks them', () => {
    const text = JSON.stringify(BRIEF_JSON_SCHEMA);
    expect(text).not.toMatch(/"(minLength|maxLength|\$schema)"/);
    expect(text).toContain('"maxItems":30');
    expect(text).toContain('"pattern":"^[a-z0-9]+(-[a-z0-9]+)*$"');
  });
});

describe('fixed prompt', () => {
  it('is small, and measured in tokens for every mode', async () => {
    const prompts = loadPromptTemplates();
    const counter = await loadTokenCounter('gpt-4o-mini');
    const sizes = Object.fromEntries(
      FALLBACK_ORDER.map((mode) => [
        mode,
        counter.count(buildFixedPrompt(prompts, mode, TEST_CONTEXT.allowedTags).text),
      ]),
    );
    // The README reports these sizes (with the bundled taxonomy); keep the prefix well under 1,500.
    for (const size of Object.values(sizes)) expect(size).toBeLessThan(1_500);
    expect(sizes.json_object).toBeGreaterThan(sizes.json_schema! - 50);
  });
});
