import { describe, expect, it } from 'vitest';
import { describeError, PaperbriefError } from '../../src/errors.js';
import type { Paper } from '../../src/papers/paper.js';
import { summarizePaper } from '../../src/pipeline.js';
import { readInput } from '../../src/sources/index.js';
import { temporaryStore } from '../queue/queue-test-kit.js';
import { auditStore } from './brief-audit.js';
import { extractivePipeline } from './extractive-deps.js';
import { recordFaultRow, rowPasses } from './fault-report.js';
import { BUNDLED_TAGS } from './queue-outcome.js';
import { readerCases } from './reader-corpus.js';

/**
 * The readers' bad-input corpus through `readInput` with auto-detection, as the CLI reads a
 * file: each kind must be read as its case says (papers out, record errors with reasons, or the
 * whole input refused with a reason) and never crash; every paper that gets in is briefed by the
 * real pipeline (offline extractive summarizer, SQLite) and its brief audited.
 */
describe('fault: bad-input corpus through the readers', () => {
  it('readers: every kind read as expected, every paper briefed, every refusal with a reason', async () => {
    const startedAt = performance.now();
    const handle = temporaryStore();
    const deps = extractivePipeline(handle.store);
    const papers = new Map<string, Paper>();
    const mismatches: string[] = [];
    const notBriefed: string[] = [];
    const cases = readerCases();
    let recordsIn = 0;
    let failed = 0;
    let withoutReason = 0;
    let merged = 0;
    let crashes = 0;
    try {
      for (const item of cases) {
        recordsIn += item.records;
        let out = 0;
        let errors = 0;
        let duplicates = 0;
        let refused: string | undefined;
        let unbriefable = 0;
        try {
          for (const result of readInput(item.content, { sourceName: item.kind }).records) {
            if (result.kind === 'duplicate') duplicates += 1;
            else if (result.kind === 'error') {
              errors += 1;
              if (result.error.message.trim() === '') withoutReason += 1;
            } else {
              out += 1;
              papers.set(result.paper.id, result.paper);
              try {
                await summarizePaper(result.paper, deps);
              } catch (error) {
                // A paper that got in but cannot be briefed: a failure, with its reason.
                failed += 1;
                unbriefable += 1;
                if (describeError(error).trim() === '') withoutReason += 1;
                notBriefed.push(`${item.kind}: ${describeError(error)}`);
              }
            }
          }
        } catch (error) {
          if (error instanceof PaperbriefError && error.message.trim() !== '') refused = error.message;
          else {
            crashes += 1;
            mismatches.push(`${item.kind}: crashed with ${String(error)}`);
          }
        }
        if (refused !== undefined) {
          failed += item.records;
          if (!item.refused) mismatches.push(`${item.kind}: refused as a whole: ${refused}`);
          else if (!item.refused.test(refused)) mismatches.push(`${item.kind}: refused with "${refused}"`);
          continue;
        }
        failed += errors;
        merged += duplicates;
        if (unbriefable !== (item.unbriefable ?? 0))
          mismatches.push(`${item.kind}: ${unbriefable} papers not briefed: ${notBriefed.join('; ')}`);
        if (item.refused)
          mismatches.push(`${item.kind}: expected a refusal, got ${out} papers, ${errors} errors`);
        if (
          out !== item.papers ||
          duplicates !== (item.duplicates ?? 0) ||
          out + errors + duplicates !== item.records
        )
          mismatches.push(
            `${item.kind}: expected ${item.papers} papers + ${item.duplicates ?? 0} duplicates of ${item.records}, ` +
              `got ${out} papers, ${errors} errors, ${duplicates} duplicates`,
          );
      }
      const audit = await auditStore(handle.store, papers, BUNDLED_TAGS);
      const row = recordFaultRow({
        scenario: `bad input: readers (${cases.length} kinds)`,
        papersIn: recordsIn,
        briefsStored: audit.stored,
        duplicates: audit.duplicates,
        failedWithReason: failed - withoutReason,
        failedWithoutReason: withoutReason,
        mergedInputDuplicates: merged,
        invalidBriefs: audit.problems.length,
        mismatches,
        crashes,
        lost: recordsIn - audit.stored - failed - merged,
        notes:
          `jsonl, json, hf-api, hf-page and arXiv Atom inputs through auto-detection; ` +
          `${notBriefed.length} paper read but failed in the pipeline (${notBriefed.join('; ')}); ` +
          `${mismatches.length} cases read otherwise than expected`,
        durationMs: performance.now() - startedAt,
      });
      expect(mismatches).toEqual([]);
      expect(audit.problems).toEqual([]);
      expect(cases.length).toBeGreaterThanOrEqual(30);
      expect(rowPasses(row)).toBe(true);
    } finally {
      await handle.dispose();
    }
  });
});
