import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { ScopeSchema } from './scope.js';

/** Shortest API token accepted: anything shorter is guessable. */
export const MIN_API_TOKEN_LENGTH = 16;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** One entry of the token file: the token itself, or the hex SHA-256 of it (so the file holds no secret). */
export const TokenEntrySchema = z
  .object({
    /** Logged with each write and kept with each submitted paper; never the token. */
    name: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1 to 64 letters, digits, ".", "_" or "-"'),
    token: z
      .string()
      .min(MIN_API_TOKEN_LENGTH, `must have at least ${MIN_API_TOKEN_LENGTH} characters`)
      .optional(),
    sha256: z
      .string()
      .transform((value) => value.toLowerCase())
      .refine((value) => SHA256_HEX.test(value), 'must be 64 hex digits')
      .optional(),
    scopes: z.array(ScopeSchema).min(1),
  })
  .strict()
  .refine((entry) => (entry.token === undefined) !== (entry.sha256 === undefined), {
    message: 'give exactly one of "token" and "sha256"',
  });
export type TokenEntry = z.infer<typeof TokenEntrySchema>;

/** `{"tokens":[{"name":"ingest","token":"…","scopes":["papers:write","briefs:read"]}]}` */
export const TokenFileSchema = z
  .object({ tokens: z.array(TokenEntrySchema).min(1) })
  .strict()
  .refine((file) => new Set(file.tokens.map((entry) => entry.name)).size === file.tokens.length, {
    message: 'token names must be unique',
  });
export type TokenFile = z.infer<typeof TokenFileSchema>;

/**
 * Reads and checks PAPERBRIEF_API_TOKENS_FILE. Messages name the file and the entry, never quote
 * its content (it holds secrets).
 * @throws ConfigError when the file cannot be read, is not JSON or does not fit TokenFileSchema.
 */
export function loadTokenFile(path: string): TokenEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(`PAPERBRIEF_API_TOKENS_FILE ${path}: cannot read it (${String(code ?? 'error')})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`PAPERBRIEF_API_TOKENS_FILE ${path}: not valid JSON`);
  }
  const parsed = TokenFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new ConfigError(`PAPERBRIEF_API_TOKENS_FILE ${path}: ${problems.join('; ')}`);
  }
  return parsed.data.tokens;
}
