import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  BRIEF_JSON_SCHEMA_PATH,
  briefJsonSchema,
  briefJsonSchemaText,
} from '../../src/briefs/brief-json-schema.js';
import { briefFixture } from '../support/brief-fixtures.js';

describe('schema/brief.v1.json', () => {
  it('is what BriefSchema generates (run `npm run schema` after changing src/briefs/brief.ts)', () => {
    expect(readFileSync(BRIEF_JSON_SCHEMA_PATH, 'utf8')).toBe(briefJsonSchemaText());
  });

  it('accepts a valid brief and rejects what BriefSchema rejects', () => {
    // Formats (date-time) are checked by zod; the JSON Schema keeps them as annotations here.
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(briefJsonSchema());
    const brief = briefFixture();
    expect(validate(brief), JSON.stringify(validate.errors)).toBe(true);

    const { tldr: _tldr, ...withoutTldr } = brief;
    const broken: unknown[] = [
      withoutTldr,
      { ...brief, schema_version: '2' },
      { ...brief, contribution_type: 'opinion' },
      { ...brief, tags: ['Not Kebab'] },
      { ...brief, extra: true },
      { ...brief, provenance: { ...brief.provenance, input_hash: 'abc' } },
    ];
    for (const value of broken) expect(validate(value)).toBe(false);
  });
});
