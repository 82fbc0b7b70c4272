import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefSchema } from '../../src/briefs/brief.js';
import type { Paper } from '../../src/papers/paper.js';
import { readInput } from '../../src/sources/index.js';
import { runCli } from '../queue/worker-process-kit.js';
import { groundingProblems } from './brief-audit.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';
import { BUNDLED_TAGS } from './queue-outcome.js';
import { readerCases } from './reader-corpus.js';

/**
 * The readers' corpus again, as a user meets it: every case written to a file and all of them
 * given to ONE `paperbrief summarize` process (the real CLI, offline provider). It must end with
 * exit code 1 (some records failed) and no stack trace, print a reason for every failure, and
 * write a valid, grounded brief for every paper it let in.
 */
describe('fault: bad-input corpus through `paperbrief summarize`', () => {
  it('one CLI run over every bad file: exit 1, a reason per failure, every brief valid', async () => {
    const startedAt = performance.now();
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-faults-cli-'));
    try {
      const cases = readerCases();
      const files = cases.map((item, index) => {
        const file = join(folder, `case-${String(index).padStart(2, '0')}.input`);
        writeFileSync(file, item.content);
        return file;
      });
      const out = join(folder, 'briefs.jsonl');
      const run = await runCli(['summarize', ...files, '--out', out, '--provider', 'extractive'], {
        PAPERBRIEF_DB: join(folder, 'briefs.db'),
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
      });

      // The papers each file holds, read the same way, to ground the briefs against.
      const papers = new Map<string, Paper>();
      for (const item of cases) {
        try {
          for (const result of readInput(item.content, { sourceName: item.kind }).records)
            if (result.kind === 'paper') papers.set(result.paper.id, result.paper);
        } catch {
          // Refused as a whole: no papers.
        }
      }
      const briefs = readFileSync(out, 'utf8').split('\n').filter(Boolean);
      const problems: string[] = [];
      const briefed = new Set<string>();
      for (const text of briefs) {
        const brief = BriefSchema.safeParse(JSON.parse(text));
        if (!brief.success) problems.push(`a brief fails BriefSchema: ${brief.error.issues[0]?.message}`);
        else {
          const paper = papers.get(brief.data.paper.id);
          if (!paper) problems.push(`${brief.data.paper.id}: a brief for a paper never sent`);
          else problems.push(...groundingProblems(brief.data, paper, BUNDLED_TAGS));
          briefed.add(brief.data.paper.id);
        }
      }
      const output = run.output;
      const failures = output.split('\n').filter((line) => line.startsWith('failed: '));
      const withoutReason = failures.filter((line) => !/^failed: .+: \S/.test(line)).length;
      const summary =
        /paperbrief: read (\d+), briefed (\d+), cached (\d+), failed (\d+)(?:.*duplicates (\d+))?/.exec(
          output,
        );
      const [read, , cached, failed, duplicates] = (summary?.slice(1) ?? []).map((value) =>
        Number(value ?? 0),
      );
      // A file refused as a whole is one failure line; count its records, as the other rows do.
      const refused = cases.filter((item) => item.refused);
      const recordsIn = cases.reduce((sum, item) => sum + item.records, 0);
      const failedRecords =
        (failed ?? 0) - refused.length + refused.reduce((sum, item) => sum + item.records, 0);
      const crashed = run.code !== 1 || /\n\s+at .+:\d+:\d+/.test(output) ? 1 : 0;
      // The run's own account must hold too, or the row fails with the counts.
      const mismatches = [
        ...(summary === null ? ['no "paperbrief: read …" summary line'] : []),
        ...(failures.length === failed ? [] : [`${failures.length} failure lines for ${failed} failed`]),
      ];
      const row = recordFaultRow({
        scenario: `bad input: paperbrief summarize (${cases.length} files)`,
        papersIn: recordsIn,
        briefsStored: briefed.size,
        duplicates: briefs.length - briefed.size,
        failedWithReason: failedRecords - withoutReason,
        failedWithoutReason: withoutReason,
        mergedInputDuplicates: duplicates ?? 0,
        invalidBriefs: problems.length,
        mismatches,
        crashes: crashed,
        lost: recordsIn - briefed.size - failedRecords - (duplicates ?? 0),
        notes: `one CLI process, exit code ${run.code}; it read ${read} records, ${cached} cached, ${failures.length} failure lines`,
        durationMs: performance.now() - startedAt,
      });
      expect(summary).not.toBeNull();
      expect(failures.length).toBe(failed);
      expectRowPasses(row, problems);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
