import { z } from 'zod';
import { PaperSourceSchema } from '../papers/paper.js';

/**
 * Brief wire format v1: the public contract of webhooks, JSONL files, the store and the API.
 * snake_case JSON. Changing a field's meaning needs a new schema_version.
 * `schema/brief.v1.json` is generated from this file (`npm run schema`); a test fails on drift.
 */

export const ContributionTypeSchema = z.enum([
  'method',
  'model',
  'benchmark',
  'dataset',
  'survey',
  'analysis',
  'system',
  'challenge-report',
]);
export type ContributionType = z.infer<typeof ContributionTypeSchema>;

export const ClaimedResultSchema = z.object({
  /** The literal characters of the number as written in the abstract (`8.1%`, `2.3\times`). */
  value: z.string().min(1).max(100),
  /** What was measured (`top-1 accuracy`, `speedup`), or null when the abstract does not say. */
  metric: z.string().min(1).max(200).nullable(),
  /** Where it was measured (`ImageNet`), or null. */
  dataset: z.string().min(1).max(200).nullable(),
  /** What it is compared against (`uniform sampling`), or null. */
  comparison: z.string().min(1).max(300).nullable(),
  /** The exact sentence or clause of the abstract that states the result. */
  evidence: z.string().min(1).max(1_000),
});
export type ClaimedResult = z.infer<typeof ClaimedResultSchema>;

export const TagSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'tags are kebab-case');

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

/** The part of a brief a summarizer produces (and the LLM's structured output). */
export const BriefContentSchema = z.object({
  /** One or two sentences, 8–40 words, naming the method and its headline result when there is one. */
  tldr: z
    .string()
    .min(1)
    .max(400)
    .refine((text) => wordCount(text) >= 8 && wordCount(text) <= 40, 'tldr must have 8 to 40 words'),
  method_name: z.string().min(1).max(120).nullable(),
  contribution_type: ContributionTypeSchema,
  claimed_results: z.array(ClaimedResultSchema).max(30),
  tags: z.array(TagSchema).max(12),
  code_url: z.string().min(1).max(500).nullable(),
});
export type BriefContent = z.infer<typeof BriefContentSchema>;

export const UsageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  cached_tokens: z.number().int().nonnegative(),
  /** Cost of producing this brief in US dollars, from the price table; 0 for offline providers. */
  cost_usd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

export const ProvenanceSchema = z.object({
  provider: z.string().min(1),
  model: z.string().min(1),
  prompt_version: z.string().min(1),
  /** SHA-256 hex of title + abstract: what the brief was made from. */
  input_hash: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.iso.datetime(),
  usage: UsageSchema,
  /** LLM calls (or summarizer runs) spent on this brief, repairs included. */
  attempts: z.number().int().positive(),
  /** What was dropped or repaired on the way (ungrounded values, unknown tags...). */
  warnings: z.array(z.string()),
  /** The Batch API batch whose answer made this brief; absent for synchronous calls. */
  batch_id: z.string().min(1).optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const BriefPaperSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  url: z.string().nullable(),
  published_at: z.string().nullable(),
  source: PaperSourceSchema,
});

export const BriefSchema = z
  .object({
    schema_version: z.literal('1'),
    paper: BriefPaperSchema,
  })
  .extend(BriefContentSchema.shape)
  .extend({ provenance: ProvenanceSchema });
export type Brief = z.infer<typeof BriefSchema>;

/** The key a brief is stored and cached under: same paper, provider, model and prompt → same brief. */
export interface BriefKey {
  paperId: string;
  provider: string;
  model: string;
  promptVersion: string;
}

export function briefKeyOf(brief: Brief): BriefKey {
  return {
    paperId: brief.paper.id,
    provider: brief.provenance.provider,
    model: brief.provenance.model,
    promptVersion: brief.provenance.prompt_version,
  };
}
