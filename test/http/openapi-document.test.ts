import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/http/openapi-document.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { testRedisUrl } from '../support/redis.js';
import { anonymous, startApi, type ApiHarness } from './api-harness.js';

type Json = Record<string, unknown>;

const document = buildOpenApiDocument({ version: '1.2.3' }) as {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>
  >;
  components: { schemas: Record<string, Json> };
};

/** Every `$ref` string anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  );
}

/** The value a local JSON pointer (`#/components/schemas/Brief`) names in the document. */
function resolvePointer(pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, part) => (node as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /v1/papers',
        'GET /v1/briefs',
        'GET /v1/briefs/{paper_id}',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'GET /openapi.json',
      ].sort(),
    );
  });

  it('has only references that resolve, and a schema for every JSON response', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(resolvePointer(ref), ref).toBeTypeOf('object');
    }
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!schema) continue;
          const target = typeof schema.$ref === 'string' ? resolvePointer(schema.$ref) : schema;
          expect(target, `${method} ${path} ${status}`).toBeTypeOf('object');
        }
      }
    }
    // Dialect and ids are implied inside the document.
    for (const schema of Object.values(document.components.schemas)) {
      expect(schema).not.toHaveProperty('$schema');
      expect(schema).not.toHaveProperty('$id');
    }
  });

  it('documents the list parameters and the bearer scheme', () => {
    const list = document.paths['/v1/briefs']?.get as unknown as {
      parameters: Array<{ name: string }>;
      security: unknown;
    };
    expect(list.parameters.map((parameter) => parameter.name)).toEqual([
      'tag',
      'since',
      'limit',
      'cursor',
      'order',
      'q',
    ]);
    expect(list.security).toEqual([{ bearerAuth: [] }]);
  });
});

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)('the API answers as its document says', () => {
  let api: ApiHarness;
  // Shapes, not formats: zod checks formats (date-time...) where the data is made.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'openapi', components: document.components });

  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string });
    await api.store.put(briefFixture());
  });
  afterAll(async () => api?.close());

  async function expectDocumented(response: Response, path: string, method: string): Promise<void> {
    const schema =
      document.paths[path]?.[method]?.responses[String(response.status)]?.content?.['application/json']
        ?.schema;
    expect(schema, `${method} ${path} ${response.status} is documented`).toBeDefined();
    const validate = ajv.compile({ $ref: `openapi${(schema as Json).$ref as string}` });
    const body: unknown = await response.json();
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  }

  it('matches the documented schemas for successes and errors', async () => {
    await expectDocumented(await api.call('/v1/briefs?limit=1'), '/v1/briefs', 'get');
    await expectDocumented(await api.call('/v1/briefs?limit=0'), '/v1/briefs', 'get');
    await expectDocumented(await anonymous(api, '/v1/briefs'), '/v1/briefs', 'get');
    await expectDocumented(await api.call('/v1/briefs/2406.04312'), '/v1/briefs/{paper_id}', 'get');
    await expectDocumented(await api.call('/v1/briefs/2999.00001'), '/v1/briefs/{paper_id}', 'get');
    const json = { 'content-type': 'application/json' };
    const papers = [{ title: 'A paper', abstract: 'Its abstract.' }];
    await expectDocumented(
      await api.call('/v1/papers', { method: 'POST', headers: json, body: JSON.stringify(papers) }),
      '/v1/papers',
      'post',
    );
    await expectDocumented(
      await api.call('/v1/papers', { method: 'POST', headers: json, body: JSON.stringify([{ title: 1 }]) }),
      '/v1/papers',
      'post',
    );
    await expectDocumented(await anonymous(api, '/healthz'), '/healthz', 'get');
    await expectDocumented(await anonymous(api, '/readyz'), '/readyz', 'get');
  });

  it('serves the document at /openapi.json', async () => {
    const response = await anonymous(api, '/openapi.json');
    expect(response.status).toBe(200);
    const served = (await response.json()) as { info: { version: string } };
    expect(served.info.version).toBe('0.1.0-test');
    expect({ ...served, info: undefined }).toEqual({ ...document, info: undefined });
  });
});
