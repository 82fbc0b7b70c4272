import { PaperbriefError, StoreError } from '../errors.js';

/**
 * Runs one database call, turning driver errors into StoreErrors. Retryable: a busy or locked
 * file (another writer), and the failures of the medium that an operator fixes without touching
 * the data (disk full, read-only file or folder, I/O error): `store_unwritable`, which stops a
 * local run and pauses a worker's intake until writes work again. Everything else is not.
 */
export function guard<T>(action: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof PaperbriefError) throw error;
    const code = (error as { code?: unknown }).code;
    const codeText = typeof code === 'string' ? code : '';
    const busy = /^SQLITE_(BUSY|LOCKED)/.test(codeText);
    const unwritable = /^SQLITE_(FULL|READONLY|IOERR)/.test(codeText);
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      busy ? 'store_busy' : unwritable ? 'store_unwritable' : 'store_failed',
      `could not ${action}: ${detail}${codeText ? ` (${codeText})` : ''}`,
      { retryable: busy || unwritable, cause: error },
    );
  }
}
