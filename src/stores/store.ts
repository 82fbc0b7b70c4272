import type { Brief, BriefKey } from '../briefs/brief.js';
import type { BatchRecords } from './batch-records.js';

export interface ListBriefsQuery {
  /** Only briefs carrying this tag. */
  tag?: string | undefined;
  /** Only briefs stored at or after this ISO date-time. */
  since?: string | undefined;
  /** Page size. @default 50 (max 500) */
  limit?: number | undefined;
  /** Opaque cursor from a previous page's `nextCursor` (of a page in the same order). */
  cursor?: string | undefined;
  /** `oldest` first (stored order, the default) or `newest` first (the page, the feeds). */
  order?: 'oldest' | 'newest' | undefined;
}

export interface SearchBriefsQuery {
  /** Words to find in the title, method name, TL;DR, tags and evidence; every word must match. */
  q: string;
  /** Only briefs carrying this tag. */
  tag?: string | undefined;
  /** Only briefs stored at or after this ISO date-time. */
  since?: string | undefined;
  /** How many of the best matches. @default 50 (max 500) */
  limit?: number | undefined;
}

/** What `put` may keep beside a brief. */
export interface PaperText {
  /** The abstract the brief was made from, kept under the brief's `input_hash` (the page shows it). */
  abstract: string;
}

export interface BriefPage {
  briefs: Brief[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Where briefs live. Writes are upserts keyed by paper id + provider + model + prompt version,
 * so at-least-once processing never stores a brief twice. One contract test suite runs against
 * every implementation (test/stores/store-contract.ts). The store also keeps the records of
 * Batch API batches (batch-records.ts).
 */
export interface Store extends BatchRecords {
  /** The brief stored under `key`, if any. */
  get(key: BriefKey): Promise<Brief | undefined>;
  /**
   * Inserts or replaces the brief under its key (and its search entry). `created` is false when
   * one was replaced. `paper.abstract`, when given, is kept for `abstractFor`.
   */
  put(brief: Brief, paper?: PaperText): Promise<{ created: boolean }>;
  /** The most recently stored brief of a paper (or of the paper an alias names), whatever its provider. */
  latestForPaper(paperId: string): Promise<Brief | undefined>;
  /** The id a paper's briefs are stored under: the one `id` is an alias of, else `id` itself. */
  resolvePaperId(id: string): Promise<string>;
  /**
   * Records `alias` (a title-hash id) as another id of `paperId`, and moves the briefs stored
   * under the alias to `paperId` (their `paper.id` rewritten; one already stored under the same
   * key for `paperId` wins and the alias's is dropped). Returns how many briefs moved.
   */
  linkAlias(alias: string, paperId: string): Promise<{ moved: number }>;
  /** Briefs in a stable order (stored time, then key), one page at a time. */
  list(query?: ListBriefsQuery): Promise<BriefPage>;
  /**
   * Full-text search, best match first (ties: newest first). Both stores index the same
   * normalised words (search-text.ts), so they find the same briefs.
   * @throws InvalidInputError when `q` has no word to search for.
   */
  search(query: SearchBriefsQuery): Promise<Brief[]>;
  /** The abstract a brief was made from (by its `provenance.input_hash`), when it was kept. */
  abstractFor(inputHash: string): Promise<string | undefined>;
  /** Number of stored briefs. */
  count(): Promise<number>;
  close(): Promise<void>;
  /**
   * Makes one tiny committed write, so a paused worker learns whether the medium takes writes
   * again before it pays for another LLM call. Optional: without it a worker resumes on a timer.
   * @throws StoreError (`store_unwritable`) while it does not.
   */
  checkWritable?(): Promise<void>;
}
