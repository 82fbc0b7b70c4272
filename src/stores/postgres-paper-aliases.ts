import type pg from 'pg';
import { withPaperId } from './brief-rows.js';

/**
 * Postgres `linkAlias` (see Store): records `alias` → `paperId` and moves the briefs stored under
 * the alias, in one transaction. The moved rows are locked first, so a concurrent put of them
 * waits; a brief already stored for `paperId` under the same key wins and the alias's is dropped
 * (its tags and search row go with it, ON DELETE CASCADE). Tables are schema-qualified names.
 */
export async function linkPostgresAlias(
  pool: pg.Pool,
  tables: { briefs: string; aliases: string },
  alias: string,
  paperId: string,
): Promise<{ moved: number }> {
  const { briefs, aliases } = tables;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO ${aliases} (alias, paper_id) VALUES ($1, $2) ` +
        'ON CONFLICT (alias) DO UPDATE SET paper_id = EXCLUDED.paper_id',
      [alias, paperId],
    );
    const rows = await client.query<{
      id: string;
      provider: string;
      model: string;
      prompt_version: string;
      brief: unknown;
    }>(`SELECT id, provider, model, prompt_version, brief FROM ${briefs} WHERE paper_id = $1 FOR UPDATE`, [
      alias,
    ]);
    let moved = 0;
    for (const row of rows.rows) {
      const taken = await client.query(
        `SELECT 1 FROM ${briefs} WHERE paper_id = $1 AND provider = $2 AND model = $3 AND prompt_version = $4`,
        [paperId, row.provider, row.model, row.prompt_version],
      );
      if (taken.rowCount) {
        await client.query(`DELETE FROM ${briefs} WHERE id = $1`, [row.id]);
      } else {
        await client.query(`UPDATE ${briefs} SET paper_id = $1, brief = $2 WHERE id = $3`, [
          paperId,
          withPaperId(row.brief, paperId),
          row.id,
        ]);
        moved += 1;
      }
    }
    await client.query('COMMIT');
    return { moved };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
