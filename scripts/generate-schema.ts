// Writes schema/brief.v1.json from BriefSchema: `npm run schema`. A test fails when the file and
// the schema drift apart (test/briefs/brief-json-schema.test.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BRIEF_JSON_SCHEMA_PATH, briefJsonSchemaText } from '../src/briefs/brief-json-schema.js';

mkdirSync(dirname(BRIEF_JSON_SCHEMA_PATH), { recursive: true });
writeFileSync(BRIEF_JSON_SCHEMA_PATH, briefJsonSchemaText());
console.log(`wrote ${BRIEF_JSON_SCHEMA_PATH}`);
