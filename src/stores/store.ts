import type { Brief, BriefKey } from '../briefs/brief.js';

export interface ListBriefsQuery {
  /** Only briefs carrying this tag. */
  tag?: string | undefined;
  /** Only briefs stored at or after this ISO date-time. */
  since?: string | undefined;
  /** Page size. @default 50 (max 500) */
  limit?: number | undefined;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | undefined;
}

export interface BriefPage {
  briefs: Brief[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Where briefs live. Writes are upserts keyed by paper id + provider + model + prompt version,
 * so at-least-once processing never stores a brief twice. One contract test suite runs against
 * every implementation (test/stores/store-contract.ts).
 */
export interface Store {
  /** The brief stored under `key`, if any. */
  get(key: BriefKey): Promise<Brief | undefined>;
  /** Inserts or replaces the brief under its key. `created` is false when one was replaced. */
  put(brief: Brief): Promise<{ created: boolean }>;
  /** The most recently stored brief of a paper, whatever its provider. */
  latestForPaper(paperId: string): Promise<Brief | undefined>;
  /** Briefs in a stable order (stored time, then key), one page at a time. */
  list(query?: ListBriefsQuery): Promise<BriefPage>;
  /** Number of stored briefs. */
  count(): Promise<number>;
  close(): Promise<void>;
}
