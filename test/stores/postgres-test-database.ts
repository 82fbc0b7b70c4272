import pg from 'pg';

/**
 * The Postgres the tests use: PAPERBRIEF_TEST_DATABASE_URL, else the `test` database on
 * 127.0.0.1:5432 as `postgres` (trust auth). Each test file makes its own schemas and drops them.
 */
export const TEST_DATABASE_URL =
  process.env.PAPERBRIEF_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** With CI=true, a missing Postgres fails the suite instead of skipping it. */
export const POSTGRES_REQUIRED = /^(1|true)$/i.test(process.env.CI ?? '');

/** The URL with its password hidden, for test names and messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Why the test database cannot be used, or undefined when it answers `SELECT 1`. */
export async function postgresUnavailableReason(url = TEST_DATABASE_URL): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (error instanceof Error && error.message) || String(code ?? error);
    return `no Postgres at ${redactedUrl(url)} (${message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema name no other run or test file uses. */
export function throwawaySchemaName(label: string): string {
  return `pb_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops the given schemas and everything in them. */
export async function dropSchemas(schemas: readonly string[], url = TEST_DATABASE_URL): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
