import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { formatFaultTable, readFaultRows, rowVerdict } from './fault-report.js';

/** Where the latest table is kept for README (committed). */
export const RESULTS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), 'results.md');

/**
 * vitest global setup of `npm run test:faults`: gives the scenarios a folder for their rows and,
 * after the run, prints the ONE table of counts and writes it to test/faults/results.md with
 * the machine it ran on.
 */
export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-faults-'));
  project.provide('faultResultsDir', folder);
  return () => {
    const rows = readFaultRows(folder);
    rmSync(folder, { recursive: true, force: true });
    if (rows.length === 0) return;
    const table = formatFaultTable(rows);
    const passed = rows.filter((row) => rowVerdict(row) === 'PASS').length;
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
    const summary = `${passed} of ${rows.length} scenarios pass`;
    console.log(`\nFault-injection suite: ${summary}\n\n${table}\n`);
    writeFileSync(
      RESULTS_FILE,
      `# Fault-injection results\n\nLatest \`npm run test:faults\`: ${summary}, ` +
        `${new Date().toISOString().slice(0, 10)}, on ${machine}.\n\n${table}\n`,
    );
  };
}
