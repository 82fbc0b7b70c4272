import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/runner/progress.js';
import {
  createProgressReporter,
  emptyRunSummary,
  formatRunSummary,
  explainOutcome,
  type RunSummary,
} from '../../src/runner/index.js';

function sink(): { stream: Writable & { columns?: number }; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { stream, text: () => text };
}

function summary(overrides: Partial<RunSummary> = {}): RunSummary {
  return { ...emptyRunSummary(), ...overrides };
}

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([formatDuration(4.4), formatDuration(185), formatDuration(3720)]).toEqual([
      '4s',
      '3m05s',
      '1h02m',
    ]);
  });
});

describe('createProgressReporter', () => {
  it('prints a plain line at most every intervalMs when not on a terminal', () => {
    const out = sink();
    let clock = 0;
    const progress = createProgressReporter({
      stream: out.stream,
      tty: false,
      intervalMs: 1000,
      now: () => clock,
    });
    clock = 500;
    progress.update(summary({ briefed: 1 }));
    expect(out.text()).toBe('');
    clock = 1000;
    progress.update(summary({ briefed: 2, cached: 1 }));
    clock = 1500;
    progress.update(summary({ briefed: 3, cached: 1 }));
    expect(out.text()).toBe('progress: 3 done (briefed 2, cached 1, failed 0, 1.0s, 3.0/s)\n');
    progress.expect(10);
    clock = 2000;
    progress.update(summary({ briefed: 3, cached: 1, duplicates: 1 }));
    expect(out.text()).toMatch(
      /\nprogress: 5 of 10 done \(briefed 3, cached 1, failed 0, 2\.0s, 2\.5\/s, ETA 2s\)\n$/,
    );
    progress.message('failed: in.jsonl line 3: field "title": missing');
    progress.finish();
    expect(out.text()).toMatch(/\nfailed: in.jsonl line 3: field "title": missing\n$/);
    expect(out.text()).not.toContain('\r');
  });

  it('redraws one bar in place on a terminal and keeps it below message lines', () => {
    const out = sink();
    let clock = 0;
    const progress = createProgressReporter({ stream: out.stream, tty: true, now: () => clock });
    progress.expect(5);
    progress.expect(3); // a second input
    progress.update(summary({ briefed: 2 }));
    clock = 10;
    progress.update(summary({ briefed: 3 })); // within redrawMs: skipped
    clock = 200;
    progress.update(summary({ briefed: 4 }));
    const bars = out.text().split('\r\u001b[2K').filter(Boolean);
    expect(bars).toEqual([
      '[######..................] 2/8  briefed 2, cached 0, failed 0, 0.0s',
      '[############............] 4/8  briefed 4, cached 0, failed 0, 0.2s, 20/s, ETA 0s',
    ]);
    progress.message('failed: line 5');
    expect(
      out
        .text()
        .endsWith(
          '\r\u001b[2Kfailed: line 5\n[############............] 4/8  briefed 4, cached 0, failed 0, 0.2s, 20/s, ETA 0s',
        ),
    ).toBe(true);
    progress.finish();
    expect(out.text().endsWith('\r\u001b[2K')).toBe(true);
  });
});

describe('formatRunSummary / explainOutcome', () => {
  it('names read, briefed, cached, failed and elapsed, and tokens and cost only when spent', () => {
    expect(formatRunSummary(summary({ read: 10, briefed: 7, cached: 1, failed: 2, elapsedMs: 412 }))).toBe(
      'read 10, briefed 7, cached 1, failed 2, elapsed 0.41s',
    );
    const paid = summary({
      read: 3,
      briefed: 3,
      duplicates: 1,
      elapsedMs: 12_345,
      usage: { prompt_tokens: 900, completion_tokens: 300, cached_tokens: 512, cost_usd: 0.00123 },
    });
    expect(formatRunSummary(paid)).toBe(
      'read 3, briefed 3, cached 0, failed 0, duplicates 1, elapsed 12.3s, tokens 900 in + 300 out, 512 cached, cost $0.0012',
    );
  });

  it('explains why a run is not a success', () => {
    expect(explainOutcome(summary({ read: 2, briefed: 2 }))).toBeUndefined();
    expect(explainOutcome(summary({ failed: 2 }))).toMatch(/^2 record\(s\) failed/);
    expect(explainOutcome(summary({ notStarted: 5, stopReason: 'budget' }))).toMatch(
      /budget is spent; 5 paper/,
    );
    expect(explainOutcome(summary({ notStarted: 5, stopReason: 'interrupted' }))).toMatch(
      /^interrupted: 5 paper/,
    );
  });
});
