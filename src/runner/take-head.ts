/** The first bytes of a stream, and the rest of it still to read. */
export interface StreamHead {
  /** At least `headBytes` bytes (less only when the stream ended first). */
  bytes: Uint8Array;
  /** True when `bytes` is the whole stream. */
  complete: boolean;
  /** Every byte of the stream from the start, `bytes` included; iterate once. */
  chunks: AsyncIterable<Uint8Array>;
  /** Stops reading (closes the file) when the rest is not wanted. */
  close(): Promise<void>;
}

/**
 * Reads the first `headBytes` of `source` so a format can be told from them, keeping the rest
 * unread: a large input is then streamed or refused without being held whole.
 */
export async function takeHead(source: AsyncIterable<Uint8Array>, headBytes: number): Promise<StreamHead> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  while (size < headBytes) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const bytes = taken.length === 1 ? (taken[0] as Uint8Array) : Buffer.concat(taken);
  async function* all(): AsyncGenerator<Uint8Array> {
    yield bytes;
    if (complete) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    bytes,
    complete,
    chunks: all(),
    async close() {
      await iterator.return?.();
    },
  };
}
