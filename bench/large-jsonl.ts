import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// 400 authors make a record about 11 kB: 200 MB is ~18,000 papers, all briefed in about a
// minute by the extractive summarizer, while every byte still goes through the reader.
const AUTHORS = Array.from({ length: 400 }, (_, index) => `Author Number${index} Surname`);

/**
 * Writes about `bytes` of distinct JSON Lines papers to `path`, a line at a time (never held
 * whole); resolves with how many papers it wrote. Used by the 200 MB fault scenario and B9.
 */
export async function writeLargeJsonl(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  let count = 0;
  while (written < bytes) {
    const line =
      JSON.stringify({
        id: `2502.${String(20_000 + count)}`,
        title: `Scalable method number ${count} for image classification`,
        abstract: `We propose method ${count}, which reaches ${(count % 50) + 40}.5% accuracy on ImageNet. We analyse the trade-offs in detail.`,
        authors: AUTHORS,
      }) + '\n';
    count++;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return count;
}
