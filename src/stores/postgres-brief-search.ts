import type pg from 'pg';
import { storedSearchDocument } from './brief-rows.js';
import type { SearchDocument } from './search-text.js';

/** The Postgres side of full-text search (decision 0036): writing a brief's search row. */

/**
 * Upserts a brief's search row ($1 brief id, $2 heading, $3 summary, $4 evidence): the words are
 * normalised already (search-text.ts), so the `simple` configuration only splits them.
 */
export function indexSql(search: string): string {
  return (
    `INSERT INTO ${search} (brief_id, document) VALUES ($1, ` +
    "setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || " +
    "setweight(to_tsvector('simple', $4), 'C')) " +
    'ON CONFLICT (brief_id) DO UPDATE SET document = EXCLUDED.document'
  );
}

/** Indexes briefs stored before the search table existed, 500 at a time. */
export async function indexMissingBriefs(
  pool: pg.Pool,
  tables: { briefs: string; search: string },
): Promise<void> {
  for (;;) {
    const missing = await pool.query<{ id: string; brief: unknown }>(
      `SELECT b.id, b.brief FROM ${tables.briefs} b WHERE NOT EXISTS ` +
        `(SELECT 1 FROM ${tables.search} s WHERE s.brief_id = b.id) ORDER BY b.id LIMIT 500`,
    );
    if (missing.rows.length === 0) return;
    for (const row of missing.rows) {
      const document: SearchDocument = storedSearchDocument(row.brief);
      await pool.query(indexSql(tables.search), [
        row.id,
        document.heading,
        document.summary,
        document.evidence,
      ]);
    }
  }
}
