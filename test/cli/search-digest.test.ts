import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from './cli-harness.js';

const folder = tempFolder('search-digest');
const db = join(folder.path, 'briefs.db');

beforeAll(async () => {
  ensureCliBuilt();
  const result = await runCli([
    'summarize',
    'examples/papers.jsonl',
    '--db',
    db,
    '--out',
    join(folder.path, 'b.jsonl'),
  ]);
  expect(result.code, result.stderr).toBe(0);
}, 120_000);
afterAll(() => folder.remove());

describe('paperbrief search', () => {
  it('prints the best matches first, and JSONL with --json', async () => {
    const listed = await runCli(['search', 'sparse', 'attention', '--db', db]);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^t-[0-9a-f]{16} {2}FlexPrefill: /);
    expect(listed.stderr).toMatch(/paperbrief: \d+ match/);
    const json = jsonLines(
      (await runCli(['search', 'diffusion', '--tag', 'image-generation', '--json', '--db', db])).stdout,
    );
    expect(json.length).toBeGreaterThan(0);
    for (const brief of json as Array<{ tags: string[] }>) expect(brief.tags).toContain('image-generation');
  });

  it('fails with a clear message for a query without words', async () => {
    const result = await runCli(['search', '***', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it has no word to search for');
  });
});

describe('paperbrief show by title', () => {
  it('finds a paper by a unique part of its title and lists the candidates of an ambiguous one', async () => {
    const found = await runCli(['show', 'context-aware sparse ATTENTION', '--db', db]);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).paper.title).toMatch(/^FlexPrefill/);
    const ambiguous = await runCli(['show', 'training', '--db', db]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('2 papers have "training" in their title');
  });
});

describe('paperbrief digest', () => {
  it('writes the last day as Markdown grouped by date, and as an HTML e-mail body by tag', async () => {
    const markdown = await runCli(['digest', '--db', db]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/^# paperbrief digest: 10 briefs since /);
    expect(markdown.stdout.match(/^### /gm)).toHaveLength(10);
    const out = join(folder.path, 'digest', 'today.html');
    const html = await runCli([
      'digest',
      '--since',
      '2d',
      '--group-by',
      'tag',
      '--format',
      'html',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(html.code, html.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^<!doctype html>/);
    expect(text.match(/<h3 /g)).toHaveLength(10);
    expect(text).not.toMatch(/<script|<style/);
  });

  it('filters by the papers’ own dates and refuses a bad span', async () => {
    const recent = await runCli(['digest', '--published-since', '2025-01-01', '--db', db]);
    expect(recent.stdout).not.toContain('Population Based Training'); // published 2017
    expect(recent.stdout).toContain('Qwen3 Technical Report');
    const bad = await runCli(['digest', '--since', 'yesterday', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since "yesterday": expected a span such as 12h, 1d or 2w');
  });
});
