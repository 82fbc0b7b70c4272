import { z } from 'zod';
import { ContributionTypeSchema } from '../briefs/brief.js';
import { InvalidInputError } from '../errors.js';

/**
 * Gold annotations (`../shared/data/gold-dev.json` and the held-out set): one object per paper,
 * joined to briefs by title. See that folder's README for what counts as a claimed result.
 */

export const GoldResultSchema = z.object({
  /** The literal characters of the number in the abstract (`8.1%`, `2.3\times`, `twice`). */
  value: z.string().min(1),
  metric: z.string().nullable(),
  dataset: z.string().nullable(),
  comparison: z.string().nullable(),
  /** An exact substring of the abstract holding the value. */
  quote: z.string(),
  /** False for borderline numbers: finding them is not required, and finding them is not an error. */
  required: z.boolean(),
});
export type GoldResult = z.infer<typeof GoldResultSchema>;

export const GoldPaperSchema = z.object({
  title: z.string().min(1),
  method_name: z.string().nullable(),
  method_name_alternatives: z.array(z.string()).default([]),
  code_url: z.string().nullable(),
  contribution_type: ContributionTypeSchema,
  results: z.array(GoldResultSchema),
  /** The 2–5 tags a reader browsing by topic expects (`TAGS-GUIDE.md`); absent on pages annotated without tags. */
  tags_core: z.array(z.string()).optional(),
  /** Every defensible tag, a superset of `tags_core`. */
  tags_ok: z.array(z.string()).optional(),
});
export type GoldPaper = z.infer<typeof GoldPaperSchema>;

export const GoldSchema = z.array(GoldPaperSchema);
export type Gold = z.infer<typeof GoldSchema>;

/**
 * Parses the text of a gold file.
 * @throws InvalidInputError naming the source and the first problem (bad JSON or schema issue).
 */
export function parseGold(text: string, source = 'gold'): Gold {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`${source}: not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = GoldSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`${source}: [${issue?.path.join('.')}] ${issue?.message}`);
  }
  return parsed.data;
}
