import type { IncomingMessage } from 'node:http';

/**
 * How the fake LLM server imitates a kind of real server (issue 13), beside its per-call
 * behaviours. Each knob mirrors something read in the servers' own sources or docs:
 * - `rejectJsonSchema`: OpenAI's 400 for a model without structured outputs ("Invalid parameter:
 *   'response_format' of type 'json_schema' is not supported with this model.").
 * - `rejectTools`: llama.cpp's server started without `--jinja` ("tools param requires --jinja flag").
 * - `toolChoiceStringOnly`: llama.cpp reads `tool_choice` with `json_value(body, "tool_choice",
 *   std::string("auto"))`, so the object form falls back to `auto`: the model then answers in
 *   prose around a fenced JSON block instead of calling the tool.
 * - `slots` + `serviceMs`: a server that computes `slots` requests at once, queues the rest first
 *   in, first out, and keeps computing requests whose client has gone (llama.cpp on a CPU).
 * - `azure`: Azure OpenAI's URL shape (`/openai/deployments/{name}/chat/completions?api-version=`)
 *   and its `api-key` header.
 * - `apiKey`: the bearer key a call must carry (401 otherwise), as OpenAI checks it.
 */
export interface FakeServerKind {
  rejectJsonSchema?: boolean;
  rejectTools?: boolean;
  toolChoiceStringOnly?: boolean;
  slots?: number;
  /** Compute time of one request in a slot, in milliseconds. @default 0 */
  serviceMs?: number;
  azure?: { apiKey: string; apiVersion?: string };
  apiKey?: string;
}

/** Where a request went, as the server understood its URL. */
export interface FakeRoute {
  kind: 'chat' | 'models' | 'unknown';
  /** Azure: the deployment named in the path. */
  deployment?: string | undefined;
  /** Azure: the `api-version` query parameter. */
  apiVersion?: string | undefined;
}

export function routeOf(request: IncomingMessage, kind: FakeServerKind): FakeRoute {
  const url = new URL(request.url ?? '/', 'http://fake');
  if (kind.azure) {
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    const deployment = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname)?.[1];
    if (request.method === 'POST' && deployment) return { kind: 'chat', deployment, apiVersion };
    if (request.method === 'GET' && url.pathname === '/openai/models') return { kind: 'models', apiVersion };
    return { kind: 'unknown' };
  }
  if (request.method === 'POST' && url.pathname.endsWith('/chat/completions')) return { kind: 'chat' };
  if (request.method === 'GET' && url.pathname.endsWith('/models')) return { kind: 'models' };
  return { kind: 'unknown' };
}

/** An HTTP error the server answers before looking at the call's behaviour, or undefined. */
export function refusalFor(
  request: IncomingMessage,
  route: FakeRoute,
  body: { response_format?: { type?: string }; tools?: unknown[] } | undefined,
  kind: FakeServerKind,
): { status: number; message: string; type: string; param?: string; code?: string } | undefined {
  if (kind.azure) {
    if (request.headers['api-key'] !== kind.azure.apiKey) {
      return {
        status: 401,
        type: 'invalid_request_error',
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      };
    }
    if (!route.apiVersion || (kind.azure.apiVersion && route.apiVersion !== kind.azure.apiVersion)) {
      return { status: 404, type: 'invalid_request_error', code: '404', message: 'Resource not found' };
    }
  }
  if (kind.apiKey !== undefined && request.headers.authorization !== `Bearer ${kind.apiKey}`) {
    return {
      status: 401,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message:
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    };
  }
  if (body === undefined) return undefined;
  if (kind.rejectJsonSchema && body.response_format?.type === 'json_schema') {
    return {
      status: 400,
      type: 'invalid_request_error',
      param: 'response_format',
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    };
  }
  if (kind.rejectTools && Array.isArray(body.tools) && body.tools.length > 0) {
    return { status: 400, type: 'invalid_request_error', message: 'tools param requires --jinja flag' };
  }
  return undefined;
}

/**
 * The slots of a server that computes `slots` requests at once and queues the rest: `reserve`
 * books the earliest free slot for `serviceMs` and says when the answer is ready. A request whose
 * client has gone keeps its booking: the server computes it anyway.
 */
export function createSlots(slots: number, serviceMs: number, now: () => number) {
  const freeAt: number[] = Array.from({ length: Math.max(1, slots) }, () => 0);
  return {
    reserve(): { startsAt: number; readyAt: number } {
      let slot = 0;
      for (let index = 1; index < freeAt.length; index++) if (freeAt[index]! < freeAt[slot]!) slot = index;
      const startsAt = Math.max(now(), freeAt[slot]!);
      const readyAt = startsAt + serviceMs;
      freeAt[slot] = readyAt;
      return { startsAt, readyAt };
    },
  };
}

/** The model's prose answer when llama.cpp took an object `tool_choice` as `auto`. */
export function proseAround(json: string): string {
  return `Sure! Here is the brief of the paper:\n\n\`\`\`json\n${json}\n\`\`\`\n\nLet me know if you need anything else.`;
}
