import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js (docs/architecture.md) fire on a wrong-way import and name
 * the rule they enforce: the fixture is linted as if it lived in each layer.
 */
const fixture = readFileSync(new URL('./fixtures/lint/wrong-way-imports.ts.txt', import.meta.url), 'utf8');
const eslint = new ESLint();

async function layerProblems(filePath: string): Promise<Array<{ line: number; message: string }>> {
  const [result] = await eslint.lintText(fixture, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => ({ line: message.line, message: message.message }));
}

const lineOf = (text: string) => fixture.split('\n').findIndex((line) => line.includes(text)) + 1;

describe('eslint layer zones', () => {
  it('pipeline.ts: a concrete summarizer or store, config and the root are refused, the Store interface is not', async () => {
    const problems = await layerProblems('src/pipeline.ts');
    const at = (text: string) => problems.filter((problem) => problem.line === lineOf(text));
    expect(at('extractive/headline-tldr')[0]?.message).toContain('[layer: pipeline]');
    expect(at('stores/sqlite-store')[0]?.message).toContain('[layer: pipeline]');
    expect(at("'./config.js'")[0]?.message).toContain('[layer: composition root]');
    expect(at('stores/store.js')).toEqual([]);
  }, 60_000);

  it('watch/: importing queue/ is refused', async () => {
    const problems = await layerProblems('src/watch/watch-once.ts');
    const queue = problems.filter((problem) => problem.line === lineOf('../queue/enqueue-papers'));
    expect(queue.map((problem) => problem.message)).toEqual([expect.stringContaining('[layer: watch]')]);
  }, 60_000);

  it('core (papers/): importing any layer above it is refused', async () => {
    const problems = await layerProblems('src/papers/paper.ts');
    const queue = problems.filter((problem) => problem.line === lineOf('../queue/enqueue-papers'));
    expect(queue[0]?.message).toContain('[layer: core]');
  }, 60_000);

  it('below the root: config.ts and compose/ are refused; src/compose/ itself may import both', async () => {
    const below = await layerProblems('src/queue/enqueue-papers.ts');
    expect(below.find((problem) => problem.line === lineOf("'./config.js'"))?.message).toContain(
      '[layer: composition root]',
    );
    expect(below.find((problem) => problem.line === lineOf('../compose/local'))?.message).toContain(
      '[layer: composition root]',
    );
    expect(await layerProblems('src/compose/local.ts')).toEqual([]);
  }, 60_000);
});
