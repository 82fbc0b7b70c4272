import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export interface JsonlWriter {
  /** Writes one value as one line, waiting when the destination is slow (backpressure). */
  write(value: unknown): Promise<void>;
  /** Flushes and closes a file; leaves standard output open. */
  close(): Promise<void>;
}

/**
 * A JSONL destination: a file (parent folders created, truncated first) or, for `-`, `stdout`.
 * @throws the file system's error when the file cannot be created.
 */
export async function openJsonlWriter(out: string, stdout: NodeJS.WritableStream): Promise<JsonlWriter> {
  const toStdout = out === '-';
  if (!toStdout) await mkdir(dirname(out), { recursive: true });
  const stream = toStdout ? stdout : createWriteStream(out, { flags: 'w' });
  if (!toStdout) await once(stream, 'open');

  return {
    async write(value) {
      if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (toStdout) return;
      stream.end();
      await finished(stream);
    },
  };
}
