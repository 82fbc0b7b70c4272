import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { z } from 'zod';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder where each fault scenario writes its row (fault-report-setup.ts reads them). */
    faultResultsDir: string;
  }
}

/**
 * One scenario's counts, as the fault table prints them. `lost` is what came in and is neither
 * stored, failed with a reason, nor knowingly merged as an input duplicate: it must be 0.
 */
export const FaultRowSchema = z.object({
  scenario: z.string().min(1),
  /** Records (papers, requests, deliveries) that went in. */
  papersIn: z.number().int().nonnegative(),
  /** Briefs (or, for webhook rows, distinct briefs delivered) at the end. */
  briefsStored: z.number().int().nonnegative(),
  /** Stored briefs beyond one per paper id (the store must hold 0). */
  duplicates: z.number().int().nonnegative(),
  /** Records refused or failed, each with a reason. */
  failedWithReason: z.number().int().nonnegative(),
  /** Input records merged as repeats of an id read before (reported, not lost). */
  mergedInputDuplicates: z.number().int().nonnegative().default(0),
  /** Failures without a reason (must be 0). */
  failedWithoutReason: z.number().int().nonnegative().default(0),
  /** Stored briefs failing BriefSchema or the grounding rules against their paper (must be 0). */
  invalidBriefs: z.number().int().nonnegative(),
  lost: z.number().int(),
  /** Process crashes (a worker or server exiting on its own; must be 0). */
  crashes: z.number().int().nonnegative().default(0),
  /** One line on what happened (faults injected, extra LLM calls, retries). */
  notes: z.string().default(''),
  durationMs: z.number().nonnegative(),
});
export type FaultRow = z.output<typeof FaultRowSchema>;
export type FaultRowInput = z.input<typeof FaultRowSchema>;

/** True when a row meets the suite's bar: nothing lost, duplicated, invalid, unexplained or crashed. */
export function rowPasses(row: FaultRow): boolean {
  return (
    row.lost === 0 &&
    row.duplicates === 0 &&
    row.invalidBriefs === 0 &&
    row.failedWithoutReason === 0 &&
    row.crashes === 0
  );
}

/**
 * The suite's bar as assertions, with readable diffs: nothing lost, duplicated, invalid,
 * unexplained or crashed, and no brief problem (`problems` lists them, from the audits).
 */
export function expectRowPasses(row: FaultRow, problems: readonly string[] = []): void {
  expect(problems).toEqual([]);
  expect(row).toMatchObject({ lost: 0, duplicates: 0, invalidBriefs: 0, failedWithoutReason: 0, crashes: 0 });
  expect(rowPasses(row)).toBe(true);
}

/**
 * Writes a scenario's row where the global teardown will find it. Call it BEFORE asserting, so a
 * failing scenario still shows its counts in the table.
 */
export function recordFaultRow(row: FaultRowInput): FaultRow {
  const parsed = FaultRowSchema.parse(row);
  const folder = inject('faultResultsDir');
  mkdirSync(folder, { recursive: true });
  const file = `${parsed.scenario.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
  writeFileSync(join(folder, file), JSON.stringify(parsed));
  return parsed;
}

/** Every row written to `folder`, in scenario order as the suite lists them (by file name). */
export function readFaultRows(folder: string): FaultRow[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .map((name) => FaultRowSchema.parse(JSON.parse(readFileSync(join(folder, name), 'utf8'))))
    .sort((left, right) => scenarioRank(left.scenario) - scenarioRank(right.scenario));
}

// The order of the list, so the table reads like it; unknown names go last.
const ORDER = ['worker sigkill', 'redis restart', 'llm chaos', 'webhook', 'bad input'];
function scenarioRank(scenario: string): number {
  const index = ORDER.findIndex((prefix) => scenario.toLowerCase().startsWith(prefix));
  return index === -1 ? ORDER.length : index;
}

const HEADER = [
  'Scenario',
  'In',
  'Stored',
  'Duplicates',
  'Failed (reason)',
  'Merged input dups',
  'Invalid/ungrounded',
  'No reason',
  'Crashes',
  'Lost',
  'Result',
  'Seconds',
  'Notes',
];

/** The one Markdown table of the suite: a line per scenario, PASS or FAIL by `rowPasses`. */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [
    line(HEADER),
    line(HEADER.map(() => '---')),
    ...rows.map((row) =>
      line([
        row.scenario,
        row.papersIn,
        row.briefsStored,
        row.duplicates,
        row.failedWithReason,
        row.mergedInputDuplicates,
        row.invalidBriefs,
        row.failedWithoutReason,
        row.crashes,
        row.lost,
        rowPasses(row) ? 'PASS' : 'FAIL',
        (row.durationMs / 1000).toFixed(1),
        row.notes.replace(/\|/g, '/'),
      ]),
    ),
  ].join('\n');
}
