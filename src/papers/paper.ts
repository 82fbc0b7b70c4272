import { z } from 'zod';

/** Longest abstract accepted, in characters. Real abstracts stay under ~3,000. */
export const MAX_ABSTRACT_CHARS = 20_000;
/** Longest title accepted, in characters. */
export const MAX_TITLE_CHARS = 1_000;

/** Where a paper came from; also the brief's `paper.source`. */
export const PaperSourceSchema = z.enum(['jsonl', 'json', 'hf-page', 'hf-api', 'arxiv-atom', 'http']);
export type PaperSource = z.infer<typeof PaperSourceSchema>;

const HAS_WORD = /[\p{L}\p{N}]/u;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO date');

/**
 * A paper as every reader produces it and every mode consumes it (also the queue's job data and
 * the HTTP API's body). `id` is the versionless arXiv id when known, else a hash of the title.
 */
// A lone UTF-16 surrogate (`"\ud800"` in JSON) is not text: it cannot be written as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNICODE_MESSAGE = 'holds a lone surrogate (not valid Unicode)';
const isUnicode = (value: string): boolean => !LONE_SURROGATE.test(value);

export const PaperSchema = z.object({
  id: z.string().min(1).max(200).refine(isUnicode, UNICODE_MESSAGE),
  // A title or abstract without a single letter or digit (control characters, punctuation) is
  // not text: it would hash to a shared id and give the summarizers nothing to read.
  title: z
    .string()
    .trim()
    .min(1)
    .max(MAX_TITLE_CHARS)
    .regex(HAS_WORD, 'has no letter or digit')
    .refine(isUnicode, UNICODE_MESSAGE),
  abstract: z
    .string()
    .trim()
    .min(1)
    .max(MAX_ABSTRACT_CHARS)
    .regex(HAS_WORD, 'has no letter or digit')
    .refine(isUnicode, UNICODE_MESSAGE),
  authors: z.array(z.string().min(1).refine(isUnicode, UNICODE_MESSAGE)).optional(),
  authors_count: z.number().int().nonnegative().optional(),
  organization: z.string().min(1).refine(isUnicode, UNICODE_MESSAGE).optional(),
  published_at: isoDate.optional(),
  url: z.url().optional(),
  upvotes: z.number().int().nonnegative().optional(),
  source: PaperSourceSchema,
});
export type Paper = z.infer<typeof PaperSchema>;

/**
 * What a user may send (JSON, JSONL, HTTP): like a Paper, but `id` and `source` are optional
 * (derived when missing) and `summary` is accepted as an alias of `abstract`.
 */
export const PaperInputSchema = PaperSchema.extend({
  id: z.string().min(1).max(200).refine(isUnicode, UNICODE_MESSAGE).optional(),
  source: PaperSourceSchema.optional(),
});
export type PaperInput = z.infer<typeof PaperInputSchema>;
