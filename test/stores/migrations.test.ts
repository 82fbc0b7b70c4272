import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/stores/postgres-migrations.js';
import { SQLITE_MIGRATIONS } from '../../src/stores/sqlite-migrations.js';

describe('migration lists', () => {
  it.each([
    ['sqlite', SQLITE_MIGRATIONS],
    ['postgres', POSTGRES_MIGRATIONS],
  ])('%s versions run 1, 2, 3... with no gap', (_, migrations) => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('keeps both backends at the same version, step for step', () => {
    expect(POSTGRES_MIGRATIONS.map((step) => step.name)).toEqual(SQLITE_MIGRATIONS.map((step) => step.name));
  });
});
