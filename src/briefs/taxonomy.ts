import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { packagePath } from '../package-root.js';
import { TagSchema } from './brief.js';

/**
 * The tag taxonomy: a data file (`prompts/taxonomy.json` by default, replaceable with
 * `PAPERBRIEF_TAXONOMY`) shared by every provider. Tags outside it never reach a brief.
 */
export const TaxonomySchema = z.object({
  version: z.string().min(1),
  tags: z
    .array(
      z.object({
        id: TagSchema,
        kind: z.enum(['method', 'task', 'modality', 'domain', 'property']),
        description: z.string().optional(),
        /** Lower-case phrases that signal the tag in a title or abstract. */
        synonyms: z.array(z.string().min(1)).default([]),
      }),
    )
    .min(1),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** The bundled taxonomy file. */
export const DEFAULT_TAXONOMY_PATH = packagePath('prompts', 'taxonomy.json');

/**
 * Reads and validates a taxonomy file.
 * @throws ConfigError naming the file and the first problem.
 */
export function loadTaxonomy(path: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  // The message names the file, never its content (JSON.parse quotes the first bytes it read):
  // the path may point at a secret by mistake. src/read-json-file.ts does the same above the core.
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`cannot read taxonomy ${path} (${code})`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`taxonomy ${path} is not valid JSON`);
  }
  const parsed = TaxonomySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`taxonomy ${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const ids = new Set<string>();
  for (const tag of parsed.data.tags) {
    if (ids.has(tag.id)) throw new ConfigError(`taxonomy ${path}: duplicate tag "${tag.id}"`);
    ids.add(tag.id);
  }
  return parsed.data;
}

export function tagIds(taxonomy: Taxonomy): ReadonlySet<string> {
  return new Set(taxonomy.tags.map((tag) => tag.id));
}
