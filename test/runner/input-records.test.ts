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
    const opened: Array<{ sourceName: string; records: number }> = [];
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
});
