import { describe, expect, it } from 'vitest';
import {
  FaultRowSchema,
  formatFaultTable,
  rowPasses,
  rowVerdict,
  type FaultRowInput,
} from './fault-report.js';

// Only the pure parts: recordFaultRow would add a row to the suite's own table.
const clean: FaultRowInput = {
  scenario: 'bad input: example',
  papersIn: 3,
  briefsStored: 2,
  duplicates: 0,
  failedWithReason: 1,
  invalidBriefs: 0,
  lost: 0,
  notes: 'three records',
  durationMs: 1500,
};
const row = (changes: Partial<FaultRowInput>) => FaultRowSchema.parse({ ...clean, ...changes });
// The Result column, counted from the end: Result | Seconds | Notes.
const resultCell = (table: string) => table.split('\n')[2]?.split(' | ').at(-3);

describe('the fault table verdict', () => {
  it('is PASS only for clean counts, no mismatches and a passed test', () => {
    expect(rowVerdict(row({ testResult: 'pass' }))).toBe('PASS');
    expect(resultCell(formatFaultTable([row({ testResult: 'pass' })]))).toBe('PASS');
  });

  it('is FAIL when a scenario check did not hold, whatever the counts say', () => {
    const mismatched = row({ testResult: 'pass', mismatches: ['jsonl-bom: refused with "x"'] });
    expect(rowPasses(mismatched)).toBe(false);
    expect(rowVerdict(mismatched)).toBe('FAIL');
    const table = formatFaultTable([mismatched]);
    expect(resultCell(table)).toBe('FAIL');
    expect(table).toContain('1 checks failed: jsonl-bom: refused with "x"');
  });

  it('is FAIL when the test failed or never finished, even with clean counts', () => {
    const failed = row({ testResult: 'fail', testFailure: 'expected 3 to be 2' });
    expect(rowPasses(failed)).toBe(true);
    expect(rowVerdict(failed)).toBe('FAIL');
    expect(formatFaultTable([failed])).toContain('test failed: expected 3 to be 2');
    expect(rowVerdict(row({}))).toBe('FAIL');
    expect(formatFaultTable([row({})])).toContain('test did not finish');
  });

  it('is FAIL for a lost, duplicated, invalid, unexplained or crashed count', () => {
    for (const changes of [
      { lost: 1 },
      { duplicates: 1 },
      { invalidBriefs: 1 },
      { failedWithoutReason: 1 },
      { crashes: 1 },
    ]) {
      expect(rowVerdict(row({ ...changes, testResult: 'pass' }))).toBe('FAIL');
    }
  });
});
