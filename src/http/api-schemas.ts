import { z } from 'zod';
import { BriefSchema, TagSchema } from '../briefs/brief.js';
import { PaperInputSchema } from '../papers/paper.js';

/**
 * The HTTP API's wire shapes. Handlers parse requests with them and the OpenAPI document is
 * generated from them (openapi-document.ts), descriptions included, so the two cannot drift apart.
 */

/**
 * One paper as a client sends it, for the OpenAPI document: `summary` may stand for `abstract`.
 * Bodies are validated by the readers' `readPaperValues`, the same code as JSON files.
 */
export const PaperBodySchema = z
  .union([
    PaperInputSchema,
    PaperInputSchema.omit({ abstract: true }).extend({ summary: PaperInputSchema.shape.abstract }),
  ])
  .describe('A paper. `id` (versionless arXiv id, else a title hash) and `source` are derived when missing.');

/** POST /v1/papers body. */
export const PapersRequestSchema = z.union([PaperBodySchema, z.array(PaperBodySchema).min(1)]);

export const AcceptedPaperSchema = z.object({
  paper_id: z.string().describe('The id the paper was given (versionless arXiv id, else a title hash).'),
  job_id: z
    .string()
    .describe('Its summarize job; the same paper sent again for the same model and prompt has the same id.'),
});

/** POST /v1/papers answer (202). */
export const PapersAcceptedSchema = z.object({
  enqueued: z.number().int().nonnegative().describe('New jobs added.'),
  known: z
    .number()
    .int()
    .nonnegative()
    .describe('Papers whose job or brief already existed: nothing new was queued for them.'),
  duplicates: z
    .number()
    .int()
    .nonnegative()
    .describe('Papers repeating the id of an earlier paper of the same body (queued once).'),
  jobs: z.array(AcceptedPaperSchema).describe('One entry per distinct paper, in body order.'),
});
export type PapersAccepted = z.infer<typeof PapersAcceptedSchema>;

/** A problem with one paper of the body. */
export const ItemIssueSchema = z.object({
  index: z.number().int().nonnegative().describe('Position in the body array; 0 for a single object.'),
  field: z.string().nullable().describe('The field at fault; null when the item itself is wrong.'),
  message: z.string(),
});
export type ItemIssue = z.infer<typeof ItemIssueSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe('Stable machine-readable code: `unauthorized`, `invalid_input`, `body_too_large`…'),
    message: z.string(),
    issues: z.array(ItemIssueSchema).optional().describe('POST /v1/papers: every invalid paper.'),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** GET /v1/briefs query string. Unknown parameters are refused, so a typo never widens a query. */
export const ListBriefsQuerySchema = z.strictObject({
  tag: TagSchema.optional().describe('Only briefs carrying this tag.'),
  since: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .optional()
    .describe('Only briefs stored at or after this date or date-time.'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size.'),
  cursor: z.string().min(1).max(2_000).optional().describe('`next_cursor` of the previous page.'),
  order: z
    .enum(['oldest', 'newest'])
    .default('oldest')
    .describe('`oldest` first (stored order) or `newest` first; a cursor continues its own order.'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Full-text search over title, method name, TL;DR, tags and evidence: every word must match ' +
        '(as a prefix); best match first, up to `limit`, no further pages. Combines with `tag` and `since`.',
    ),
});

export const BriefListSchema = z.object({
  briefs: z.array(BriefSchema).describe('In the requested order, or best match first for `q`.'),
  next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

export const HealthSchema = z.object({ status: z.literal('ok') });

export const ReadinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z
    .record(z.string(), z.enum(['ok', 'failed']))
    .describe('Each dependency (`redis`, `store`) and whether it answered in time.'),
  mode: z
    .enum(['read-write', 'read-only'])
    .optional()
    .describe('`read-only` when the server runs without Redis: reading works, POST /v1/papers answers 503.'),
  note: z.string().optional().describe('Why the server is read-only.'),
});
export type Readiness = z.infer<typeof ReadinessSchema>;
