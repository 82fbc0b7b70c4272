import type Database from 'better-sqlite3';
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
import { guard } from './sqlite-guard.js';

const TABLES: BatchTables = { batches: 'batches', papers: 'batch_papers' };
const place = () => '?';

/** The batch records (batch-records.ts) of a SQLite store, on its open connection. */
export function createSqliteBatchRecords(database: Database.Database): BatchRecords {
  const insertPaper = database.prepare(
    `INSERT INTO batch_papers (${PAPER_COLUMNS.join(', ')}) VALUES (${PAPER_COLUMNS.map(place).join(', ')})`,
  );
  const add = database.transaction((batch: Parameters<BatchRecords['addBatch']>[0], rows: unknown[][]) => {
    const sql = insertBatchSql(batch, TABLES, place);
    database.prepare(sql.text).run(...sql.values);
    for (const row of rows) insertPaper.run(...row);
  });
  const selectOne = database.prepare<unknown[], Record<string, unknown>>(
    selectBatchesSql(TABLES, 'WHERE b.id = ? OR b.provider_batch_id = ?'),
  );
  const selectAll = database.prepare<unknown[], Record<string, unknown>>(selectBatchesSql(TABLES));
  const selectPapers = database.prepare<unknown[], Record<string, unknown>>(batchPapersSql(TABLES, place));

  return {
    async addBatch(batch, papers) {
      guard('record a batch', () => add.immediate(batch, paperRowValues(batch.id, papers)));
    },
    async updateBatch(id, change, at) {
      const sql = updateBatchSql(id, change, at, TABLES, place);
      guard('update a batch', () => database.prepare(sql.text).run(...sql.values));
    },
    async getBatch(id) {
      const row = guard('read a batch', () => selectOne.get(id, id));
      return row ? batchFromRow(row) : undefined;
    },
    async listBatches() {
      return guard('list batches', () => selectAll.all()).map(batchFromRow);
    },
    async batchPapers(batchId) {
      return guard('read the papers of a batch', () => selectPapers.all(batchId)).map(batchPaperFromRow);
    },
    async papersInOpenBatches(key) {
      const sql = papersInOpenBatchesSql(key, TABLES, place);
      const rows = guard('read papers in open batches', () =>
        database.prepare<unknown[], { paper_id: string }>(sql.text).all(...sql.values),
      );
      return new Set(rows.map((row) => row.paper_id));
    },
    async claimBatchPaper(batchId, customId, claim) {
      const sql = claimPaperSql(batchId, customId, claim, TABLES, place);
      return guard('claim a batch paper', () => database.prepare(sql.text).run(...sql.values).changes === 1);
    },
    async settleBatchPaper(batchId, customId, by, outcome) {
      const sql = settlePaperSql(batchId, customId, by, outcome, TABLES, place);
      return guard('settle a batch paper', () => database.prepare(sql.text).run(...sql.values).changes === 1);
    },
  };
}
