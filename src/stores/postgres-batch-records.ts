import type pg from 'pg';
import type { BatchRecords } from './batch-records.js';
import {
  PAPER_COLUMNS,
  batchFromRow,
  batchPaperFromRow,
  batchPapersSql,
  claimPaperSql,
  insertBatchSql,
  paperRowValues,
  papersInOpenBatchesSql,
  selectBatchesSql,
  settlePaperSql,
  updateBatchSql,
  type BatchTables,
} from './batch-rows.js';
import { guard } from './postgres-guard.js';

const place = (index: number) => `$${index}`;
/** Column types of a paper row, for inserting a whole batch's papers as arrays in one statement. */
const PAPER_TYPES = ['text', 'text', 'integer', 'text', 'text', 'text'] as const;

/** The batch records (batch-records.ts) of a Postgres store, on its pool and schema. */
export function createPostgresBatchRecords(pool: pg.Pool, table: (name: string) => string): BatchRecords {
  const tables: BatchTables = { batches: table('batches'), papers: table('batch_papers') };
  const rowsOf = async (text: string, values: unknown[] = []) =>
    (await pool.query<Record<string, unknown>>(text, values)).rows;

  return {
    async addBatch(batch, papers) {
      const sql = insertBatchSql(batch, tables, place);
      const rows = paperRowValues(batch.id, papers);
      const columns = PAPER_COLUMNS.map((_, column) => rows.map((row) => row[column]));
      await guard('record a batch', async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(sql.text, sql.values);
          // One statement for the whole batch (up to 50,000 papers): a row per array position.
          await client.query(
            `INSERT INTO ${tables.papers} (${PAPER_COLUMNS.join(', ')}) SELECT * FROM unnest(` +
              PAPER_TYPES.map((type, index) => `$${index + 1}::${type}[]`).join(', ') +
              ')',
            columns,
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      });
    },
    async updateBatch(id, change, at) {
      const sql = updateBatchSql(id, change, at, tables, place);
      await guard('update a batch', () => pool.query(sql.text, sql.values));
    },
    async getBatch(id) {
      const rows = await guard('read a batch', () =>
        rowsOf(selectBatchesSql(tables, 'WHERE b.id = $1 OR b.provider_batch_id = $1'), [id]),
      );
      return rows[0] ? batchFromRow(rows[0]) : undefined;
    },
    async listBatches() {
      return (await guard('list batches', () => rowsOf(selectBatchesSql(tables)))).map(batchFromRow);
    },
    async batchPapers(batchId) {
      const rows = await guard('read the papers of a batch', () =>
        rowsOf(batchPapersSql(tables, place), [batchId]),
      );
      return rows.map(batchPaperFromRow);
    },
    async papersInOpenBatches(key) {
      const sql = papersInOpenBatchesSql(key, tables, place);
      const rows = await guard('read papers in open batches', () => rowsOf(sql.text, sql.values));
      return new Set(rows.map((row) => String(row.paper_id)));
    },
    async claimBatchPaper(batchId, customId, claim) {
      const sql = claimPaperSql(batchId, customId, claim, tables, place);
      const result = await guard('claim a batch paper', () => pool.query(sql.text, sql.values));
      return result.rowCount === 1;
    },
    async settleBatchPaper(batchId, customId, by, outcome) {
      const sql = settlePaperSql(batchId, customId, by, outcome, tables, place);
      const result = await guard('settle a batch paper', () => pool.query(sql.text, sql.values));
      return result.rowCount === 1;
    },
  };
}
