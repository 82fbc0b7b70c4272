import { describe, expect, it } from 'vitest';
import { MAX_JSONL_LINE_BYTES, readJsonlStream } from '../../src/sources/index.js';

async function* chunks(parts: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

const line = (title: string) => JSON.stringify({ title, abstract: `We study ${title} in depth.` });

describe('readJsonlStream', () => {
  it('reads lines split across chunks anywhere, a multi-byte character included', async () => {
    const text = `${line('Alpha')}\n\n${line('Bêta')}\n${line('Gamma')}`;
    const bytes = Buffer.from(text);
    const parts = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) =>
      bytes.subarray(index * 7, index * 7 + 7),
    );
    const results = await collect(readJsonlStream(chunks(parts), { sourceName: 'x' }));
    expect(results.map((result) => (result.kind === 'paper' ? result.paper.title : result.kind))).toEqual([
      'Alpha',
      'Bêta',
      'Gamma',
    ]);
    expect(results.map((result) => result.kind === 'paper' && result.location)).toEqual([
      'line 1',
      'line 3',
      'line 4',
    ]);
  });

  it('refuses a line longer than the limit without keeping it, and reads on', async () => {
    const huge = Buffer.alloc(MAX_JSONL_LINE_BYTES + 10, 0x61);
    const results = await collect(
      readJsonlStream(chunks([`${line('First')}\n`, huge, huge, `\n${line('Last')}\n`]), { sourceName: 'x' }),
    );
    expect(results.map((result) => result.kind)).toEqual(['paper', 'error', 'paper']);
    expect(results[1]).toMatchObject({
      error: { location: 'line 2', message: expect.stringContaining('longer than') },
    });
  });
});
