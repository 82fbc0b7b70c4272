import { z } from 'zod';
import { BriefSchema } from '../briefs/brief.js';
import {
  BriefListSchema,
  ErrorBodySchema,
  HealthSchema,
  ListBriefsQuerySchema,
  PaperBodySchema,
  PapersAcceptedSchema,
  PapersRequestSchema,
  ReadinessSchema,
} from './api-schemas.js';

type JsonObject = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
const ref = (name: string) => ({ $ref: `${COMPONENTS}${name}` });

/**
 * JSON Schemas (draft 2020-12, the dialect of OpenAPI 3.1) for the named zod schemas; shared parts
 * become `$ref`s into `components.schemas`. `io` picks the request or the response view.
 */
function componentSchemas(
  schemas: Record<string, z.ZodType>,
  io: 'input' | 'output',
): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `${COMPONENTS}${id}`,
    unrepresentable: 'any',
  });
  const components: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(converted)) {
    // Inside an OpenAPI document the dialect is implied and components are named by their key.
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonObject;
    components[id] = rest;
  }
  return components;
}

/** Query parameters of a route, one per property of its zod object schema. */
function queryParameters(schema: z.ZodObject): JsonObject[] {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const json = (schema: JsonObject) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const AUTH_ERRORS = { '401': errorResponse('Missing or wrong API token.') };

/**
 * The OpenAPI 3.1 document of the API, generated from the same zod schemas the handlers use.
 * The dashboard (/admin/queues) is a browser UI and is not described.
 */
export function buildOpenApiDocument(info: { version: string }): JsonObject {
  const schemas = {
    ...componentSchemas({ PaperInput: PaperBodySchema, PapersRequest: PapersRequestSchema }, 'input'),
    ...componentSchemas(
      {
        Brief: BriefSchema,
        BriefList: BriefListSchema,
        PapersAccepted: PapersAcceptedSchema,
        Error: ErrorBodySchema,
        Health: HealthSchema,
        Readiness: ReadinessSchema,
      },
      'output',
    ),
  };
  const bearer = [{ bearerAuth: [] }];
  return {
    openapi: '3.1.1',
    info: {
      title: 'paperbrief API',
      version: info.version,
      description: 'Submit papers for briefing and read grounded briefs (wire format v1).',
    },
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'PAPERBRIEF_API_TOKEN' },
      },
    },
    paths: {
      '/v1/papers': {
        post: {
          summary: 'Queue papers for briefing',
          security: bearer,
          requestBody: { required: true, content: json(ref('PapersRequest')) },
          responses: {
            '202': {
              description: 'Papers accepted; one job id per paper.',
              content: json(ref('PapersAccepted')),
            },
            '400': errorResponse(
              'Invalid JSON, or papers failing validation (`issues` names index and field).',
            ),
            ...AUTH_ERRORS,
            '413': errorResponse('Body larger than the limit.'),
            '415': errorResponse('Body is not application/json.'),
            '503': errorResponse('Read-only server (no REDIS_URL): `read_only`; or Redis unavailable.'),
          },
        },
      },
      '/v1/briefs': {
        get: {
          summary: 'List briefs, newest stored last, one page at a time',
          security: bearer,
          parameters: queryParameters(ListBriefsQuerySchema),
          responses: {
            '200': { description: 'One page of briefs.', content: json(ref('BriefList')) },
            '400': errorResponse('Invalid query parameter or cursor.'),
            ...AUTH_ERRORS,
          },
        },
      },
      '/v1/briefs/{paper_id}': {
        get: {
          summary: "A paper's most recent brief",
          security: bearer,
          parameters: [
            {
              name: 'paper_id',
              in: 'path',
              required: true,
              description:
                'Versionless arXiv id (a version suffix is ignored) or `t-` title hash; URL-encode `/`.',
              schema: { type: 'string', minLength: 1 },
            },
          ],
          responses: {
            '200': { description: 'The brief.', content: json(ref('Brief')) },
            ...AUTH_ERRORS,
            '404': errorResponse('No brief for this paper.'),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness: the process answers',
          responses: { '200': { description: 'Alive.', content: json(ref('Health')) } },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: Redis and the store answer',
          responses: {
            '200': { description: 'Every dependency answered.', content: json(ref('Readiness')) },
            '503': { description: 'A dependency did not answer.', content: json(ref('Readiness')) },
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (text exposition format)',
          security: bearer,
          responses: {
            '200': { description: 'Metrics.', content: { 'text/plain': { schema: { type: 'string' } } } },
            ...AUTH_ERRORS,
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
        },
      },
    },
  };
}
