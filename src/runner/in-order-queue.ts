/**
 * Hands values to `write` in the order their slots were reserved, whatever order they settle in:
 * papers finish out of order under concurrency, but the JSONL output follows the input.
 * Writes run one at a time; the first write error stops further writes and is kept for `drained`.
 */
export interface InOrderQueue<T> {
  /** Takes the next slot, in input order. */
  reserve(): number;
  /** Fills a slot; `undefined` means the slot has nothing to write (a failed paper). */
  settle(slot: number, value: T | undefined): void;
  /** Values handed to `write` that it has not finished yet. */
  readonly backlog: number;
  /** True once a write has failed. */
  readonly failed: boolean;
  /**
   * Resolves when every value settled so far has been written.
   * @throws the first error `write` threw.
   */
  drained(): Promise<void>;
}

export function createInOrderQueue<T>(write: (value: T) => void | Promise<void>): InOrderQueue<T> {
  const settled = new Map<number, T | undefined>();
  let reserved = 0;
  let next = 0;
  let chain: Promise<void> = Promise.resolve();
  let writeError: { error: unknown } | undefined;
  let backlog = 0;

  const flush = (): void => {
    while (settled.has(next)) {
      const value = settled.get(next);
      settled.delete(next);
      next++;
      if (value === undefined) continue;
      backlog++;
      chain = chain.then(async () => {
        try {
          if (!writeError) await write(value);
        } catch (error) {
          writeError = { error };
        } finally {
          backlog--;
        }
      });
    }
  };

  return {
    reserve: () => reserved++,
    settle(slot, value) {
      settled.set(slot, value);
      flush();
    },
    get backlog() {
      return backlog;
    },
    get failed() {
      return writeError !== undefined;
    },
    async drained() {
      await chain;
      if (writeError) throw writeError.error;
    },
  };
}
