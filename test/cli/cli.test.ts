import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefSchema, type Brief } from '../../src/briefs/brief.js';
import {
  ensureCliBuilt,
  jsonLines,
  PROJECT_ROOT,
  runCli,
  SHARED_DATA,
  startCli,
  tempFolder,
} from './cli-harness.js';

const EXAMPLE = join(PROJECT_ROOT, 'examples/papers.jsonl');
const EXAMPLE_PAPERS = readFileSync(EXAMPLE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '').length;

const folder = tempFolder('cli');
const db = join(folder.path, 'briefs.db');

beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(() => folder.remove());

function briefsIn(text: string): Brief[] {
  return jsonLines(text).map((value) => BriefSchema.parse(value));
}

describe('paperbrief --help', () => {
  it('lists the commands with examples', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['summarize', 'eval', 'show', 'export']) expect(result.stdout).toContain(command);
    expect(result.stdout).toContain('$ paperbrief summarize examples/papers.jsonl --out briefs.jsonl');
  });

  it('explains each command and its exit codes', async () => {
    const result = await runCli(['summarize', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--out <file>/);
    expect(result.stdout).toMatch(/--concurrency <n>/);
    expect(result.stdout).toMatch(/130 when interrupted/);
  });
});

// These run in order: each one builds on the store the previous one filled.
describe('paperbrief summarize, show, export on the bundled example', () => {
  const out = join(folder.path, 'briefs.jsonl');
  let firstRun: Brief[] = [];

  it('briefs every example paper into schema-valid JSONL and stores them', async () => {
    const result = await runCli(['summarize', EXAMPLE, '--out', out, '--db', db]);
    expect(result.stderr).toContain(`read ${EXAMPLE_PAPERS}, briefed ${EXAMPLE_PAPERS}, cached 0, failed 0`);
    expect(result.code).toBe(0);
    firstRun = briefsIn(readFileSync(out, 'utf8'));
    expect(firstRun).toHaveLength(EXAMPLE_PAPERS);
    expect(firstRun[0]?.paper.id).toBe('2406.04312'); // input order
  });

  it('reports every paper as cached on a second run, with the same briefs in the same order', async () => {
    const again = join(folder.path, 'again.jsonl');
    const result = await runCli(['summarize', EXAMPLE, '--out', again, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`read ${EXAMPLE_PAPERS}, briefed 0, cached ${EXAMPLE_PAPERS}, failed 0`);
    expect(briefsIn(readFileSync(again, 'utf8'))).toEqual(firstRun);
  });

  it('briefs them again with --force, and writes to stdout with --out -', async () => {
    const result = await runCli(['summarize', EXAMPLE, '--force', '--out', '-', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`briefed ${EXAMPLE_PAPERS}, cached 0`);
    const briefs = briefsIn(result.stdout);
    expect(briefs.map((brief) => brief.paper.id)).toEqual(firstRun.map((brief) => brief.paper.id));
    expect(briefs[0]?.provenance.created_at).not.toBe(firstRun[0]?.provenance.created_at);
  });

  it('shows a stored brief by arXiv id, versioned id or URL', async () => {
    for (const id of ['2406.04312', '2406.04312v3', 'https://arxiv.org/abs/2406.04312v1']) {
      const result = await runCli(['show', id, '--db', db]);
      expect(result.code).toBe(0);
      expect(BriefSchema.parse(JSON.parse(result.stdout)).paper.id).toBe('2406.04312');
    }
  });

  it('says so when no brief is stored for a paper', async () => {
    const result = await runCli(['show', '9999.99999', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no brief stored for paper 9999.99999');
  });

  it('exports every stored brief as JSONL', async () => {
    const exported = join(folder.path, 'export.jsonl');
    const result = await runCli(['export', '--out', exported, '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`exported ${EXAMPLE_PAPERS} brief(s)`);
    const briefs = briefsIn(readFileSync(exported, 'utf8'));
    expect(new Set(briefs.map((brief) => brief.paper.id))).toEqual(
      new Set(firstRun.map((brief) => brief.paper.id)),
    );
  });
});

describe('paperbrief summarize with bad input', () => {
  it('names each bad record and its field, briefs the good papers, and exits 1', async () => {
    const input = join(folder.path, 'mixed.jsonl');
    const good = readFileSync(EXAMPLE, 'utf8').split('\n').slice(0, 2);
    writeFileSync(
      input,
      [
        good[0],
        '{"abstract": "A paper without a title, which is not allowed."}',
        '{"title": "broken',
        good[1],
        good[0],
      ].join('\n'),
    );
    const out = join(folder.path, 'mixed.out.jsonl');
    const result = await runCli([
      'summarize',
      input,
      join(folder.path, 'missing.jsonl'),
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`failed: ${input} line 2: field "title": missing`);
    expect(result.stderr).toMatch(new RegExp(`failed: ${input} line 3: .*JSON`));
    expect(result.stderr).toContain(
      `failed: ${join(folder.path, 'missing.jsonl')}: cannot read the file (ENOENT)`,
    );
    expect(result.stderr).toContain('read 5, briefed 0, cached 2, failed 3, duplicates 1');
    expect(briefsIn(readFileSync(out, 'utf8'))).toHaveLength(2);
  });

  it('refuses an unknown flag or a bad value with exit code 2', async () => {
    const unknown = await runCli(['summarize', EXAMPLE, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
    const badValue = await runCli(['summarize', EXAMPLE, '--concurrency', '0']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('expected a whole number');
    const badEnv = await runCli(['summarize', EXAMPLE], { env: { PAPERBRIEF_CONCURRENCY: 'many' } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('PAPERBRIEF_CONCURRENCY');
  });

  it('reads standard input for -', async () => {
    const child = startCli(['summarize', '-', '--format', 'jsonl', '--out', '-', '--db', db], {
      stdin: EXAMPLE,
    });
    const result = await child.done;
    expect(result.code).toBe(0);
    expect(briefsIn(result.stdout)).toHaveLength(EXAMPLE_PAPERS);
  });
});

describe('paperbrief summarize interrupted', () => {
  it('on SIGINT finishes the papers in flight, keeps them, prints the summary and exits 130', async () => {
    const input = join(folder.path, 'many.jsonl');
    const lines = Array.from({ length: 20_000 }, (_, index) =>
      JSON.stringify({
        title: `Sparse routing study number ${index}`,
        abstract: `We propose Router${index}, which improves accuracy by ${index % 50}.5% over the dense baseline.`,
      }),
    );
    writeFileSync(input, lines.join('\n'));
    const out = join(folder.path, 'many.out.jsonl');
    const run = startCli(['summarize', input, '--out', out, '--db', join(folder.path, 'many.db')]);
    // Wait until briefs are being written, then interrupt.
    const deadline = Date.now() + 30_000;
    while (!(existsSync(out) && readFileSync(out, 'utf8').includes('\n'))) {
      if (Date.now() > deadline) throw new Error(`no brief written in time: ${run.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    const summary = /read (\d+), briefed (\d+), cached 0, failed 0, not started (\d+)/.exec(result.stderr);
    expect(summary, result.stderr).not.toBeNull();
    const [, read, briefed, notStarted] = summary!.map(Number);
    expect(read).toBe(20_000);
    expect(briefed! + notStarted!).toBe(20_000);
    expect(notStarted).toBeGreaterThan(0);
    expect(result.stderr).toContain('interrupted:');
    expect(briefsIn(readFileSync(out, 'utf8'))).toHaveLength(briefed!);
  });
});

describe('paperbrief summarize --out - into a pipe closed early', () => {
  it('quits quietly with exit 0 when the reader has gone (as `| head` does)', async () => {
    const run = startCli([
      'summarize',
      'examples/papers.jsonl',
      '--out',
      '-',
      '--force',
      '--db',
      join(folder.path, 'pipe.db'),
    ]);
    // Close our end as soon as the first brief arrives, like `head -n 1`.
    run.child.stdout?.once('data', () => run.child.stdout?.destroy());
    const result = await run.done;
    expect(result.stderr).not.toMatch(/EPIPE/);
    expect(result.code).toBe(0);
  });
});

const page = join(SHARED_DATA, 'hf-daily-papers-page.txt');
const gold = join(SHARED_DATA, 'gold-dev.json');
const sharedData = existsSync(page) && existsSync(gold);

describe.skipIf(!sharedData)('paperbrief summarize on the shared dev page (needs ../shared/data)', () => {
  it('writes 62 schema-valid briefs', async () => {
    const out = join(folder.path, 'dev-page.jsonl');
    const result = await runCli(['summarize', page, '--out', out, '--db', join(folder.path, 'dev.db')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('read 62, briefed 62, cached 0, failed 0');
    const briefs = briefsIn(readFileSync(out, 'utf8'));
    expect(briefs).toHaveLength(62);
    expect(new Set(briefs.map((brief) => brief.paper.source))).toEqual(new Set(['hf-page']));
  });
});

describe('paperbrief eval', () => {
  it.skipIf(!sharedData)('scores the dev page against its gold (needs ../shared/data)', async () => {
    const result = await runCli(['eval', '--gold', gold, page, '--db', join(folder.path, 'eval.db')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('read 62, briefed 62, cached 0, failed 0');
    expect(result.stdout).toContain('papers: 62 in gold, 62 briefed');
    for (const row of [
      'results recall',
      'results precision',
      'dataset attribution',
      'method name',
      'code URL',
      'grounded rate',
    ])
      expect(result.stdout).toContain(row);
  });

  it('exits 1 with --check-floors when a figure is below its floor', async () => {
    // Gold that disagrees with every method name and code URL of the example papers.
    const papers = jsonLines(readFileSync(EXAMPLE, 'utf8')) as Array<{ title: string }>;
    const wrongGold = papers.map((paper) => ({
      title: paper.title,
      method_name: 'Not The Name',
      code_url: 'https://example.org/not-the-code',
      contribution_type: 'method',
      results: [],
    }));
    const goldFile = join(folder.path, 'wrong-gold.json');
    writeFileSync(goldFile, JSON.stringify(wrongGold));
    const result = await runCli(['eval', '--gold', goldFile, EXAMPLE, '--check-floors', '--db', db]);
    expect(result.stdout).toMatch(/method name\s+0\.000/);
    expect(result.stderr).toMatch(/below the quality floor: .*method name/);
    expect(result.code).toBe(1);
  });
});
