import pg from 'pg';
import { PaperbriefError, StoreError } from '../errors.js';

// SQLSTATE classes and codes worth another try: connection exceptions, serialization failures,
// deadlocks, too many connections, server shutting down or starting.
const RETRYABLE_SQLSTATE = /^(08|40001|40P01|53300|57P0[1-3])/;
// The medium cannot take writes: disk full (53100), out of memory (53200), read-only transaction
// (25006), I/O error (58030). Retryable like the SQLite ones: see `store_unwritable` in sqlite-guard.ts.
const UNWRITABLE_SQLSTATE = /^(53100|53200|25006|58030)$/;
const RETRYABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/** Runs one database call, turning driver errors into StoreErrors marked retryable or not. */
export async function guard<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PaperbriefError) throw error;
    const code = (error as { code?: unknown }).code;
    // A refused connection to a host with several addresses is an AggregateError with no message.
    const message = (error instanceof Error && error.message) || String(code ?? error);
    const unwritable =
      error instanceof pg.DatabaseError && typeof code === 'string' && UNWRITABLE_SQLSTATE.test(code);
    const retryable =
      unwritable ||
      (error instanceof pg.DatabaseError
        ? typeof code === 'string' && RETRYABLE_SQLSTATE.test(code)
        : (typeof code === 'string' && RETRYABLE_NETWORK.has(code)) ||
          /connection|connect|terminated|timeout/i.test(message));
    // Messages name the action and the driver's reason, never the connection string.
    throw new StoreError(
      unwritable ? 'store_unwritable' : retryable ? 'store_unavailable' : 'store_failed',
      `could not ${action}: ${message}`,
      {
        retryable,
        cause: error,
      },
    );
  }
}
