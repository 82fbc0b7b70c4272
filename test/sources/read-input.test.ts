import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import {
  readInput,
  readInputFile,
  readInputFiles,
  readPaperValues,
  type RecordResult,
} from '../../src/sources/index.js';
import { errorsOf, papersOf } from './collect.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/papers.jsonl', import.meta.url));
const abstract = 'We propose X. X improves accuracy by 4.2% on ImageNet.';
const folder = mkdtempSync(join(tmpdir(), 'paperbrief-sources-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeInput(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

const duplicatesOf = (results: Iterable<RecordResult>) =>
  [...results].flatMap((result) => (result.kind === 'duplicate' ? [result] : []));

describe('readInput', () => {
  it('detects the format and reads the bundled example', async () => {
    const { format, records } = await readInputFile(EXAMPLE);
    const results = [...records];
    expect(format).toBe('jsonl');
    expect(errorsOf(results)).toEqual([]);
    const papers = papersOf(results);
    expect(papers.length).toBeGreaterThanOrEqual(8);
    expect(papers[0]).toMatchObject({ id: '2406.04312', source: 'jsonl', published_at: '2024-06-06' });
  });

  it('reads a paper once when its id comes again, saying where it was first', () => {
    const text = [
      JSON.stringify({ id: '2406.04312v1', title: 'ReNO', abstract }),
      JSON.stringify({ title: 'Other', abstract }),
      JSON.stringify({ url: 'https://arxiv.org/abs/2406.04312v2', title: 'ReNO again', abstract }),
      JSON.stringify({ title: 'other', abstract }),
    ].join('\n');
    const results = [...readInput(text, { sourceName: 'in.jsonl' }).records];
    expect(papersOf(results).map((paper) => paper.title)).toEqual(['ReNO', 'Other']);
    expect(duplicatesOf(results)).toEqual([
      { kind: 'duplicate', paperId: '2406.04312', location: 'line 3', firstLocation: 'line 1' },
      // Titles that differ only in case hash to the same id.
      {
        kind: 'duplicate',
        paperId: expect.stringMatching(/^t-/),
        location: 'line 4',
        firstLocation: 'line 2',
      },
    ]);
  });

  it('de-duplicates across files read together, naming the earlier file', async () => {
    const first = writeInput(
      'first.jsonl',
      `${JSON.stringify({ id: '2406.04312', title: 'ReNO', abstract })}\n`,
    );
    const second = writeInput(
      'second.json',
      JSON.stringify([
        { title: 'New', abstract },
        { id: '2406.04312', title: 'ReNO', abstract },
      ]),
    );
    const inputs = [];
    for await (const input of readInputFiles([first, second]))
      inputs.push({ format: input.format, results: [...input.records] });
    expect(inputs.map((input) => input.format)).toEqual(['jsonl', 'json']);
    expect(papersOf(inputs[1]!.results).map((paper) => paper.title)).toEqual(['New']);
    expect(duplicatesOf(inputs[1]!.results)).toEqual([
      { kind: 'duplicate', paperId: '2406.04312', location: 'index 1', firstLocation: `${first} line 1` },
    ]);
  });

  it('obeys an explicit format and rejects an input that does not fit it', () => {
    const text = JSON.stringify({ title: 'A', abstract });
    expect(readInput(text, { sourceName: 'x', format: 'jsonl' }).format).toBe('jsonl');
    expect(() => readInput(text, { sourceName: 'x', format: 'arxiv-atom' })).toThrow(
      /x: not well-formed XML/,
    );
  });

  it('rejects bytes that are not UTF-8 unless the input is JSON Lines', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('[{"title": "Caf'),
      0xe9,
      ...new TextEncoder().encode('"}]'),
    ]);
    expect(() => readInput(bytes, { sourceName: 'x.json' })).toThrow('x.json: not valid UTF-8 text');
  });

  it('turns a missing file into an InvalidInputError', async () => {
    await expect(readInputFile(join(folder, 'nope.jsonl'))).rejects.toThrow(InvalidInputError);
    await expect(readInputFile(join(folder, 'nope.jsonl'))).rejects.toThrow(
      /nope\.jsonl: cannot read the file \(ENOENT\)/,
    );
  });
});

describe('readPaperValues', () => {
  it('reads one object or an array, with the caller’s source and duplicates reported', () => {
    expect(
      papersOf(readPaperValues({ title: 'One', abstract }, { sourceName: 'request body', source: 'http' })),
    ).toEqual([{ id: expect.stringMatching(/^t-/), title: 'One', abstract, source: 'http' }]);
    const results = readPaperValues(
      [
        { title: 'A', abstract },
        { title: '', abstract },
        { title: 'A', abstract },
      ],
      { sourceName: 'request body', source: 'http' },
    );
    expect(errorsOf(results)).toEqual(['request body index 1: field "title": empty']);
    expect(duplicatesOf(results)).toEqual([
      {
        kind: 'duplicate',
        paperId: expect.stringMatching(/^t-/),
        location: 'index 2',
        firstLocation: 'index 0',
      },
    ]);
  });

  it('reads Hugging Face API items too', () => {
    const item = { paper: { id: '2406.04312', title: 'ReNO', summary: abstract, upvotes: 3 } };
    expect(papersOf(readPaperValues([item], { sourceName: 'request body' }))).toEqual([
      expect.objectContaining({
        id: '2406.04312',
        source: 'hf-api',
        url: 'https://arxiv.org/abs/2406.04312',
      }),
    ]);
  });
});
