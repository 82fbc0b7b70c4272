import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';
import { createSqliteStore } from '../../src/stores/index.js';
import { runCli } from '../queue/worker-process-kit.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';

/** Files that are not papers in any format, as a user might hand them over by mistake. */
const JUNK: Record<string, string> = {
  'notes.md': '# Meeting notes\n\nWe talked about the roadmap.\n\nNext steps: ship it.\n',
  'data.csv': 'title,abstract\nA paper,An abstract\n\nAnother,Row\n',
  'script.py': 'import sys\n\n\ndef main():\n    print("hello")\n\n\nmain()\n',
  'letter.txt': 'Dear team,\n\nThank you for the papers.\n\nBest regards,\nA reader\n',
};

/**
 * Junk given to `summarize`: the project's own README (which used to be read as a Daily Papers
 * page, 55 junk briefs) and other text files. Each must be refused with a message listing the
 * formats; nothing is stored; exit 1.
 */
describe('fault: junk input', () => {
  it('summarize README.md and other text files: refused, nothing stored, exit 1', async () => {
    const startedAt = performance.now();
    const folder = mkdtempSync(join(tmpdir(), 'paperbrief-junk-'));
    try {
      const files = [resolve('README.md')];
      for (const [name, content] of Object.entries(JUNK)) {
        const file = join(folder, name);
        writeFileSync(file, content);
        files.push(file);
      }
      const dbFile = join(folder, 'briefs.db');
      const run = await runCli(['summarize', ...files, '--out', join(folder, 'out.jsonl')], {
        PAPERBRIEF_DB: dbFile,
        DATABASE_URL: '',
        PAPERBRIEF_PROVIDER: 'extractive',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
        LOG_LEVEL: 'warn',
      });
      const store = createSqliteStore({ path: dbFile });
      const stored = await store.count();
      await store.close();
      const refused = files.filter((file) =>
        run.output.includes(`${file}: cannot tell its format: none of JSON Lines`),
      ).length;
      const row = recordFaultRow({
        scenario: `junk input (README.md and ${files.length - 1} other text files)`,
        papersIn: files.length,
        briefsStored: stored,
        duplicates: 0,
        failedWithReason: refused,
        invalidBriefs: 0,
        lost: files.length - refused - stored,
        mismatches: [
          ...(run.code === 1 ? [] : [`exit code ${run.code}`]),
          ...(stored === 0 ? [] : [`${stored} briefs stored`]),
          ...(/\(hf-page\)/.test(run.output) ? [] : ['the message does not list the formats']),
        ],
        notes: `one summarize run over ${files.length} files: ${refused} refused naming the formats, ${stored} briefs stored, exit ${run.code}`,
        durationMs: performance.now() - startedAt,
      });
      expectRowPasses(row);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
