import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, onTestFinished } from 'vitest';
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
  /**
   * Papers deliberately left for later after a systemic stop: jobs handed back to the wait list,
   * or papers a local run reported as not started. Not lost: a resume or re-run briefs them.
   */
  keptForLater: z.number().int().nonnegative().default(0),
  lost: z.number().int(),
  /**
   * Paid LLM calls (answered 200) started after the first systemic error (refused key, unwritable
   * store...), and the bar they must stay under: the run's concurrency (calls already in flight).
   * Absent for scenarios without a systemic error.
   */
  paidAfterSystemic: z.number().int().nonnegative().optional(),
  concurrency: z.number().int().positive().optional(),
  /** Process crashes (a worker or server exiting on its own; must be 0). */
  crashes: z.number().int().nonnegative().default(0),
  /**
   * The scenario's own checks that did not hold (a corpus case read otherwise than expected, a
   * missing summary line), computed before the row is recorded: any of them fails the row.
   */
  mismatches: z.array(z.string()).default([]),
  /**
   * How the scenario's test ended, stamped by `recordFaultRow` once every assertion has run:
   * `unfinished` until then (a run killed mid-way leaves it so, and the row fails).
   */
  testResult: z.enum(['pass', 'fail', 'unfinished']).default('unfinished'),
  /** The first failed assertion's message, first line, when `testResult` is `fail`. */
  testFailure: z.string().optional(),
  /** One line on what happened (faults injected, extra LLM calls, retries). */
  notes: z.string().default(''),
  durationMs: z.number().nonnegative(),
});
export type FaultRow = z.output<typeof FaultRowSchema>;
export type FaultRowInput = z.input<typeof FaultRowSchema>;

/**
 * True when a row's counts meet the suite's bar (nothing lost, duplicated, invalid, unexplained or
 * crashed) and none of the scenario's own checks failed. What a test asserts while it runs.
 */
export function rowPasses(row: FaultRow): boolean {
  return (
    row.lost === 0 &&
    row.duplicates === 0 &&
    row.invalidBriefs === 0 &&
    row.failedWithoutReason === 0 &&
    row.crashes === 0 &&
    row.mismatches.length === 0 &&
    (row.paidAfterSystemic === undefined || row.paidAfterSystemic <= (row.concurrency ?? 0))
  );
}

/**
 * The table's verdict: PASS only when the row passes AND its test passed, every assertion of the
 * scenario included (some run after the row is recorded), so the table never says PASS for a
 * scenario whose test failed.
 */
export function rowVerdict(row: FaultRow): 'PASS' | 'FAIL' {
  return rowPasses(row) && row.testResult === 'pass' ? 'PASS' : 'FAIL';
}

/**
 * The suite's bar as assertions, with readable diffs: nothing lost, duplicated, invalid,
 * unexplained or crashed, and no brief problem (`problems` lists them, from the audits).
 */
export function expectRowPasses(row: FaultRow, problems: readonly string[] = []): void {
  expect(problems).toEqual([]);
  expect(row.mismatches).toEqual([]);
  expect(row).toMatchObject({ lost: 0, duplicates: 0, invalidBriefs: 0, failedWithoutReason: 0, crashes: 0 });
  if (row.paidAfterSystemic !== undefined)
    expect(row.paidAfterSystemic).toBeLessThanOrEqual(row.concurrency ?? 0);
  expect(rowPasses(row)).toBe(true);
}

/**
 * Writes a scenario's row where the global teardown will find it. Call it BEFORE asserting, so a
 * failing scenario still shows its counts in the table; call it inside the test (not a hook):
 * when the test ends, the row is written again with how it ended (`testResult`).
 */
export function recordFaultRow(row: FaultRowInput): FaultRow {
  const parsed = FaultRowSchema.parse({ ...row, testResult: 'unfinished' });
  const folder = inject('faultResultsDir');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${parsed.scenario.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  writeFileSync(file, JSON.stringify(parsed));
  onTestFinished(({ task }) => {
    const passed = task.result?.state === 'pass';
    const failure = task.result?.errors?.[0]?.message.split('\n')[0]?.slice(0, 200);
    const ended: FaultRow = {
      ...parsed,
      testResult: passed ? 'pass' : 'fail',
      ...(passed || failure === undefined ? {} : { testFailure: failure }),
    };
    writeFileSync(file, JSON.stringify(ended));
  });
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
const ORDER = [
  'worker sigkill',
  'redis restart',
  'sigterm',
  'llm chaos',
  'wrong key',
  'llm server down',
  'disk full',
  'webhook',
  'bad input',
  'junk input',
  'hijack',
  '501 papers',
  '200 mb',
];
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
  'Kept for later',
  'Lost',
  'Paid calls after 1st systemic error (≤ concurrency)',
  'Result',
  'Seconds',
  'Notes',
];

/** The one Markdown table of the suite: a line per scenario, PASS or FAIL by `rowVerdict`. */
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
        row.keptForLater,
        row.lost,
        row.paidAfterSystemic === undefined ? '-' : `${row.paidAfterSystemic} (≤ ${row.concurrency ?? 0})`,
        rowVerdict(row),
        (row.durationMs / 1000).toFixed(1),
        describeRow(row).replace(/\|/g, '/'),
      ]),
    ),
  ].join('\n');
}

/** The notes, then why a row fails when its counts alone do not say. */
function describeRow(row: FaultRow): string {
  const reasons = [
    ...(row.mismatches.length > 0
      ? [`${row.mismatches.length} checks failed: ${row.mismatches.slice(0, 3).join('; ')}`]
      : []),
    ...(row.testResult === 'fail' ? [`test failed: ${row.testFailure ?? 'no message'}`] : []),
    ...(row.testResult === 'unfinished' ? ['test did not finish'] : []),
  ];
  return [row.notes, ...reasons].filter((part) => part !== '').join('; ');
}
