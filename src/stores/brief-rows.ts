import { BriefSchema, briefKeyOf, type Brief, type BriefKey } from '../briefs/brief.js';
import { StoreError } from '../errors.js';
import { encodeCursor } from './list-query.js';
import { searchDocument, type SearchDocument } from './search-text.js';
import type { BriefPage } from './store.js';

/** The values of the key columns `paper_id, provider, model, prompt_version`, in that order. */
export type KeyValues = [paperId: string, provider: string, model: string, promptVersion: string];

export function keyValues(key: BriefKey): KeyValues {
  return [key.paperId, key.provider, key.model, key.promptVersion];
}

/** A brief checked and ready to write: its key, its JSON, its distinct tags and its search text. */
export interface PreparedBrief {
  key: KeyValues;
  json: string;
  tags: string[];
  search: SearchDocument;
  inputHash: string;
}

/**
 * Checks a brief against BriefSchema before it is written, so nothing that is not a Brief v1
 * enters a store, whoever calls `put`.
 * @throws StoreError (`invalid_brief`, not retryable) naming the failing fields.
 */
export function prepareBrief(brief: Brief): PreparedBrief {
  const parsed = BriefSchema.safeParse(brief);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new StoreError('invalid_brief', `refusing to store an invalid brief: ${problems.join('; ')}`);
  }
  return {
    key: keyValues(briefKeyOf(parsed.data)),
    json: JSON.stringify(parsed.data),
    tags: [...new Set(parsed.data.tags)],
    search: searchDocument(parsed.data),
    inputHash: parsed.data.provenance.input_hash,
  };
}

/**
 * A stored brief read back. The Postgres driver hands `json` columns over already parsed.
 * @throws StoreError (`corrupt_brief`) when the stored JSON is no longer a Brief v1.
 */
export function parseStoredBrief(stored: unknown): Brief {
  let value = stored;
  try {
    if (typeof stored === 'string') value = JSON.parse(stored);
  } catch (error) {
    throw new StoreError('corrupt_brief', 'a stored brief is not valid JSON', { cause: error });
  }
  const parsed = BriefSchema.safeParse(value);
  if (!parsed.success) {
    throw new StoreError(
      'corrupt_brief',
      `a stored brief fails the Brief v1 schema: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/** One row of the list query (`listBriefsSql`), whatever the driver. */
export interface ListRow {
  brief: unknown;
  /** ISO text (SQLite) or a Date (Postgres timestamptz). */
  stored_at: string | Date;
  paper_id: string;
  provider: string;
  model: string;
  prompt_version: string;
}

/** Turns the `limit + 1` rows of a list query into a page and the cursor of the next one. */
export function pageFromRows(rows: readonly ListRow[], limit: number, descending = false): BriefPage {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(
          {
            storedAt: last.stored_at instanceof Date ? last.stored_at.toISOString() : last.stored_at,
            paperId: last.paper_id,
            provider: last.provider,
            model: last.model,
            promptVersion: last.prompt_version,
          },
          descending,
        )
      : null;
  return { briefs: pageRows.map((row) => parseStoredBrief(row.brief)), nextCursor };
}

/** The search text of a stored brief (indexing older rows); none for a corrupt one, whose readers report it. */
export function storedSearchDocument(stored: unknown): SearchDocument {
  try {
    return searchDocument(parseStoredBrief(stored));
  } catch {
    return { heading: '', summary: '', evidence: '' };
  }
}

/** A stored brief's JSON with its `paper.id` replaced (moving a brief from an alias to its paper). */
export function withPaperId(stored: unknown, paperId: string): string {
  const brief = parseStoredBrief(stored);
  return JSON.stringify({ ...brief, paper: { ...brief.paper, id: paperId } });
}
