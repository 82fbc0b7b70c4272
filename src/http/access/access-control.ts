import { createHash } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import { ALL_SCOPES, type Scope } from './scope.js';
import { MIN_API_TOKEN_LENGTH, type TokenEntry } from './token-file.js';

/** Who presented a known token, and what it may do. */
export interface Caller {
  /** The token's name from the token file; `default` for PAPERBRIEF_API_TOKEN. */
  name: string;
  scopes: ReadonlySet<Scope>;
}

/** The API's tokens and whether `briefs:read` is open to everyone. */
export interface AccessControl {
  /** The caller holding `credential`, or undefined for a missing or unknown one. */
  identify(credential: string | undefined): Caller | undefined;
  /** PAPERBRIEF_PUBLIC_READ: `briefs:read` routes answer without a token. */
  readonly publicRead: boolean;
}

export interface AccessOptions {
  /** PAPERBRIEF_API_TOKEN: one token holding every scope, named `default`. */
  apiToken?: string | undefined;
  /** The entries of PAPERBRIEF_API_TOKENS_FILE (`loadTokenFile`). */
  tokens?: readonly TokenEntry[] | undefined;
  /** @default false */
  publicRead?: boolean | undefined;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Builds the token table. Presented credentials are hashed and looked up by digest: the lookup
 * time depends on a SHA-256 the caller cannot steer, so it leaks neither length nor prefix of any
 * token, and a file may list digests only.
 * @throws ConfigError when no token is given (unless `publicRead`), the API token is short, or two
 *   entries share a token.
 */
export function createAccessControl(options: AccessOptions): AccessControl {
  const byDigest = new Map<string, Caller>();
  const add = (digest: string, caller: Caller): void => {
    if (byDigest.has(digest))
      throw new ConfigError(`API token "${caller.name}" is the same as another token`);
    byDigest.set(digest, caller);
  };
  if (options.apiToken !== undefined) {
    if (options.apiToken.length < MIN_API_TOKEN_LENGTH) {
      throw new ConfigError(`the API token must have at least ${MIN_API_TOKEN_LENGTH} characters`);
    }
    add(sha256Hex(options.apiToken), { name: 'default', scopes: new Set(ALL_SCOPES) });
  }
  for (const entry of options.tokens ?? []) {
    const digest = entry.sha256 ?? sha256Hex(entry.token ?? '');
    add(digest, { name: entry.name, scopes: new Set(entry.scopes) });
  }
  // With public reading and no token, the briefs are open and nothing else is.
  if (byDigest.size === 0 && !options.publicRead) {
    throw new ConfigError(
      'no API token: set PAPERBRIEF_API_TOKEN or PAPERBRIEF_API_TOKENS_FILE (the API refuses to run without one)',
    );
  }
  return {
    identify: (credential) => (credential === undefined ? undefined : byDigest.get(sha256Hex(credential))),
    publicRead: options.publicRead ?? false,
  };
}

/**
 * The credential in an Authorization header: the token of `Bearer <token>`, or the password of
 * `Basic base64(user:password)` (what a browser sends; the user name is ignored).
 */
export function credentialFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(bearer|basic)\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !match[2]) return undefined;
  if (match[1].toLowerCase() === 'bearer') return match[2];
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}
