/**
 * Prints the size of the fixed part of every LLM request (system prompt + response schema or
 * tool definition), in tokens, for each structured-output mode, with the configured taxonomy:
 *
 *   npx tsx scripts/measure-fixed-prompt.ts [--model gpt-4o-mini] [--prompts-dir prompts]
 *
 * This prefix is byte-identical for every paper, so providers with prefix caching bill it at the
 * cached rate after the first call (OpenAI caches prompts from 1,024 tokens on).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TAXONOMY_PATH, loadTaxonomy, tagIds } from '../src/briefs/taxonomy.js';
import { loadTokenCounter } from '../src/cost/token-counter.js';
import { FALLBACK_ORDER, buildFixedPrompt } from '../src/summarizers/openai/brief-request.js';
import { loadPromptTemplates } from '../src/summarizers/openai/prompt-templates.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'gpt-4o-mini' },
    'prompts-dir': { type: 'string' },
    taxonomy: { type: 'string', default: DEFAULT_TAXONOMY_PATH },
  },
});

const prompts = loadPromptTemplates({ dir: values['prompts-dir'] });
const tags = tagIds(loadTaxonomy(values.taxonomy));
const counter = await loadTokenCounter(values.model);
console.log(`prompt ${prompts.version}, ${tags.size} tags, ${counter.encoding}`);
for (const mode of FALLBACK_ORDER) {
  const fixed = buildFixedPrompt(prompts, mode, tags);
  console.log(`${mode.padEnd(12)} ${counter.count(fixed.text)} tokens (${fixed.text.length} characters)`);
}
