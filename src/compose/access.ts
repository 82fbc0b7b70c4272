import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { createAccessControl, loadTokenFile, type AccessControl } from '../http/access/index.js';

/**
 * The API's tokens: PAPERBRIEF_API_TOKEN (every scope) and PAPERBRIEF_API_TOKENS_FILE (scoped),
 * and PAPERBRIEF_PUBLIC_READ.
 * @throws ConfigError when neither is set (and reading is not public), or the file or token is invalid.
 */
export function accessFromConfig(config: Config): AccessControl {
  const noToken =
    config.PAPERBRIEF_API_TOKEN === undefined && config.PAPERBRIEF_API_TOKENS_FILE === undefined;
  if (noToken && !config.PAPERBRIEF_PUBLIC_READ) {
    throw new ConfigError(
      'neither PAPERBRIEF_API_TOKEN nor PAPERBRIEF_API_TOKENS_FILE is set: the API refuses to run without a token. ' +
        'Set one, e.g. PAPERBRIEF_API_TOKEN=$(openssl rand -hex 32), ' +
        'or set PAPERBRIEF_PUBLIC_READ=1 to serve the briefs to everyone (nothing else opens)',
    );
  }
  const tokensFile = config.PAPERBRIEF_API_TOKENS_FILE;
  return createAccessControl({
    apiToken: config.PAPERBRIEF_API_TOKEN,
    tokens: tokensFile === undefined ? [] : loadTokenFile(tokensFile),
    publicRead: config.PAPERBRIEF_PUBLIC_READ,
  });
}
