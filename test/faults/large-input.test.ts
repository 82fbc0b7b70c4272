import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLargeJsonl } from '../../bench/large-jsonl.js';
import { summarizePeakRss } from '../../bench/summarize-peak-rss.js';
import { afterAll, describe, it } from 'vitest';
import { createSqliteStore } from '../../src/stores/index.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { summaryCounts } from './local-run-outcome.js';

const TARGET_BYTES = 200 * 1000 * 1000;
const MAX_RSS_MB = 300;

/**
 * A 200 MB JSON Lines input (written to a temporary folder at test time, never committed) through
 * `paperbrief summarize`: before, inputs were read whole (514–923 MB peak RSS for 200 MB, and a
 * 600 MB one was refused by V8). Now JSON Lines are streamed: the run must brief every paper
 * with a peak RSS under 300 MB (tsx, which compiles the source, included).
 */
describe('fault: 200 MB input', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-large-input-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('200 MB JSONL through summarize: every paper briefed, peak RSS under 300 MB', async () => {
    const startedAt = performance.now();
    const input = join(folder, 'large.jsonl');
    const papers = await writeLargeJsonl(input, TARGET_BYTES);
    const sizeMb = statSync(input).size / 1e6;
    const run = await summarizePeakRss(input, folder, 'large');
    const { code, output } = run;
    const runMs = performance.now() - startedAt;
    const peakMb = run.peakRssMb;
    const dbFile = join(folder, 'large.db');
    const counts = summaryCounts(output);
    const store = createSqliteStore({ path: dbFile });
    const stored = await store.count();
    await store.close();
    const row = recordFaultRow({
      scenario: `200 MB input (${papers} papers in one JSONL file)`,
      papersIn: papers,
      briefsStored: stored,
      duplicates: 0,
      failedWithReason: counts['failed'] ?? 0,
      invalidBriefs: 0,
      lost: papers - stored - (counts['failed'] ?? 0),
      mismatches: [
        ...(code === 0 ? [] : [`exit code ${code}: ${output.slice(-300)}`]),
        ...(peakMb <= MAX_RSS_MB ? [] : [`peak RSS ${peakMb.toFixed(0)} MB > ${MAX_RSS_MB} MB`]),
      ],
      notes: `${sizeMb.toFixed(0)} MB file, streamed; peak RSS ${peakMb.toFixed(0)} MB (bar ${MAX_RSS_MB} MB, tsx included); exit ${code}; ${(runMs / 1000).toFixed(0)} s`,
      durationMs: runMs,
    });
    expectRowPasses(row);
  }, 400_000);
});
