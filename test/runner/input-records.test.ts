import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { inputRecords, type RunRecord } from '../../src/runner/index.js';

const folder = mkdtempSync(join(tmpdir(), 'paperbrief-inputs-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function paperLine(title: string): string {
  return JSON.stringify({ title, abstract: `We study ${title.toLowerCase()} in depth and report results.` });
}

async function collect(records: AsyncIterable<RunRecord>): Promise<RunRecord[]> {
  const all: RunRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

describe('inputRecords', () => {
  it('reads several inputs in order, names each record by its input, and counts their records', async () => {
    const jsonl = join(folder, 'a.jsonl');
    writeFileSync(jsonl, `${paperLine('Alpha')}\n\n  \r\n${paperLine('Beta')}\r\n{broken\n`);
    const json = join(folder, 'b.json');
    writeFileSync(
      json,
      JSON.stringify({ papers: [JSON.parse(paperLine('Gamma')), JSON.parse(paperLine('Alpha'))] }),
    );
    const opened: Array<{ sourceName: string; records: number | undefined }> = [];
    const records = await collect(
      inputRecords([jsonl, join(folder, 'missing.jsonl'), json], {
        onInput: ({ sourceName, records: count }) => opened.push({ sourceName, records: count }),
      }),
    );
    expect(opened).toEqual([
      { sourceName: jsonl, records: 3 },
      { sourceName: json, records: 2 },
    ]);
    expect(
      records.map((record) =>
        record.kind === 'error'
          ? `error ${record.error.location}`
          : `${record.kind} ${'location' in record ? record.location : record.sourceName}`,
      ),
    ).toEqual([
      `paper ${jsonl} line 1`,
      `paper ${jsonl} line 4`,
      'error line 5',
      `unreadable ${join(folder, 'missing.jsonl')}`,
      `paper ${json} index 0`,
      `duplicate ${json} index 1`,
    ]);
  });

  it('reads standard input for -', async () => {
    const records = await collect(
      inputRecords(['-'], { stdin: Readable.from([`${paperLine('Delta')}\n`]), format: 'jsonl' }),
    );
    expect(records).toMatchObject([{ kind: 'paper', location: '<stdin> line 1' }]);
  });

  it('streams a JSON Lines input larger than its head, from a file or stdin, line by line', async () => {
    // 3 MiB of lines: past the 1 MiB head, so the rest is streamed; chunks split lines anywhere.
    const lines = Array.from({ length: 12_000 }, (_, index) => paperLine(`Streamed paper ${index}`));
    lines[5_000] = '{broken';
    const text = `${lines.join('\n')}\n`;
    const file = join(folder, 'large.jsonl');
    writeFileSync(file, text);
    const opened: Array<number | undefined> = [];
    const fromFile = await collect(inputRecords([file], { onInput: ({ records }) => opened.push(records) }));
    expect(opened).toEqual([undefined]);
    expect(fromFile).toHaveLength(12_000);
    expect(fromFile[5_000]).toMatchObject({ kind: 'error', error: { location: 'line 5001' } });
    expect(fromFile[11_999]).toMatchObject({ kind: 'paper', location: `${file} line 12000` });

    const pieces = text.match(/[\s\S]{1,70001}/g) as string[];
    const fromStdin = await collect(
      inputRecords(['-'], { stdin: Readable.from(pieces.map((piece) => Buffer.from(piece))) }),
    );
    expect(fromStdin.filter((record) => record.kind === 'paper')).toHaveLength(11_999);
  });

  it('refuses a large input that is not JSON Lines instead of reading it whole', async () => {
    const file = join(folder, 'large.json');
    writeFileSync(
      file,
      JSON.stringify(Array.from({ length: 30_000 }, (_, index) => JSON.parse(paperLine(`P ${index}`)))),
    );
    const records = await collect(inputRecords([file], { maxWholeInputBytes: 2 * 1024 * 1024 }));
    expect(records).toHaveLength(1);
    expect(String((records[0] as { error: Error }).error.message)).toMatch(
      /larger than 2 MiB and not JSON Lines.*convert it to JSONL/,
    );
  });
});
