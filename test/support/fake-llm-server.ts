import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeBatchApi, type FakeBatchApi, type FakeBatchApiOptions } from './fake-batch-api.js';
import {
  injectionObeyingAnswer,
  isInjectionObeying,
  type InjectionObeyingBehaviour,
} from './injection-obeying.js';
import {
  createSlots,
  proseAround,
  refusalFor,
  routeOf,
  type FakeRoute,
  type FakeServerKind,
} from './fake-server-kinds.js';

/**
 * A fake OpenAI-compatible chat completions server for tests and benchmarks: real HTTP on a
 * loopback port, `POST /v1/chat/completions`, every request recorded, each call's behaviour
 * scripted. The default answer is a valid brief DERIVED FROM THE PAPER in the request (read from
 * the `<title>` and `<abstract>` blocks of the user message), grounded by construction: its
 * numbers, evidence and URL are copied from the abstract. It answers in the request's mode:
 * `response_format` json_schema / json_object → message content; `tools` → a tool call.
 */

/** What the server does with one call. */
export type FakeBehaviour =
  /** A grounded brief of the paper in the request. */
  | 'valid'
  /** Prose that is not JSON. */
  | 'invalid-json'
  /** JSON that fails the brief schema (short tldr, unknown type, wrong field types). */
  | 'schema-invalid'
  /** A schema-valid brief with a made-up result (99.9% on ImageNet), code URL and TL;DR number. */
  | 'ungrounded'
  /** Half a brief with `finish_reason: length`. */
  | 'length'
  /** A structured-output refusal (`message.refusal`). */
  | 'refusal'
  /** `finish_reason: content_filter`. */
  | 'content-filter'
  /** Accepts the request and never answers (a client timeout). */
  | 'hang'
  /** 429 with `retry-after-ms` (or `retry-after` seconds) and any extra headers. */
  | {
      kind: 'rate-limited';
      retryAfterMs?: number;
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
    }
  /** Any error status with an OpenAI-style error body (`code`: e.g. `insufficient_quota`). */
  | { kind: 'error'; status: number; code?: string; headers?: Record<string, string> }
  /** A brief object of the test's choosing, sent as the model's answer (e.g. a hijacked model's). */
  | { kind: 'answer'; brief: unknown }
  /** Another behaviour after a delay, in milliseconds (a slow answer). */
  | { kind: 'slow'; delayMs: number; then?: FakeBehaviour }
  /** Obeys an instruction injected in the abstract (see injection-obeying.ts); else 'valid'. */
  | InjectionObeyingBehaviour;

export type FakeMode = 'json_schema' | 'json_object' | 'tools';

export interface FakePaper {
  title: string;
  abstract: string;
}

export interface FakeCall {
  /** 0-based, in arrival order. */
  index: number;
  /** The parsed request body, as sent. */
  body: ChatBody;
  headers: IncomingMessage['headers'];
  mode: FakeMode;
  /** The paper found in the user message, if any. */
  paper: FakePaper | undefined;
  /** 1-based count of calls seen for this paper's title (retries and repairs included). */
  paperCall: number;
  /** True when the conversation already holds an answer (a repair turn). */
  isRepair: boolean;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
  /** What the server did. */
  behaviour: FakeBehaviour;
  /** The route (Azure: deployment and api-version). */
  route?: FakeRoute;
  /** With `kind.slots`: when the call's slot started and finished computing it (performance.now()). */
  slot?: { startsAt: number; readyAt: number };
  /** With `kind.slots`: the client had gone when the answer was ready (computed anyway). */
  abandoned?: boolean;
}

interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown;
}

export interface ChatBody {
  model?: string;
  messages?: ChatMessage[];
  response_format?: { type?: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
  tools?: Array<{ type?: string; function?: { name?: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
}

export interface FakeLlmServerOptions {
  /** Chooses each call's behaviour when the queue (`enqueue`) is empty. @default () => 'valid' */
  script?: (call: Omit<FakeCall, 'behaviour'>) => FakeBehaviour;
  /** Delay before every answer, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Usage reported with each answer. @default about a token per 4 characters, nothing cached */
  usage?: (call: Omit<FakeCall, 'behaviour'>, answerText: string) => FakeUsage;
  /** Port to listen on (127.0.0.1). @default 0 (any free port) */
  port?: number;
  /** Options of the Files and Batches endpoints (test/support/fake-batch-api.ts). */
  batch?: FakeBatchApiOptions;
  /** Imitate a kind of server: no json_schema, llama.cpp's slots and tool_choice, Azure's URLs. */
  kind?: FakeServerKind;
}

export interface FakeLlmServer {
  /** `http://127.0.0.1:<port>/v1`: the `baseURL` for the openai client. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>`: the Azure `endpoint`. */
  readonly origin: string;
  /** Every call so far, in arrival order. */
  readonly calls: readonly FakeCall[];
  /** Behaviours for the next calls, used before the script. */
  enqueue(...behaviours: FakeBehaviour[]): void;
  /** Replaces the script. */
  setScript(script: (call: Omit<FakeCall, 'behaviour'>) => FakeBehaviour): void;
  /** Resolves once `count` calls have arrived (no sleeping in tests: await this instead). */
  waitForCalls(count: number): Promise<void>;
  /** Stops listening and drops open connections (hanging calls included). */
  close(): Promise<void>;
  /** The Files and Batches endpoints; batch lines are answered by this server's chat endpoint. */
  readonly batch: FakeBatchApi;
}

// ---- The paper-derived brief ----------------------------------------------------------------

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9(\\])/;
/** A number with a unit that marks a claimed result: `8.1%`, `84.8\%`, `2.3\times`, `3x`, `10-fold`. */
const RESULT_VALUE = /\d+(?:\.\d+)?(?:\s?(?:\\%|%|\\times|×|x\b)|-fold)/g;
const URL = /https?:\/\/[^\s)\]}>,;"']+/;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * The brief a careful model would write using only the paper's own characters: a TL;DR from the
 * abstract's first sentences, results whose value and evidence are copied from one sentence, the
 * method name from a `Name: ...` title, the first URL of the abstract. Always passes grounding.
 */
export function deriveBrief(paper: FakePaper): Record<string, unknown> {
  const sentences = paper.abstract.trim().split(SENTENCE_END);
  let tldrWords: string[] = [];
  for (const sentence of sentences) {
    if (tldrWords.length >= 8) break;
    tldrWords.push(...words(sentence));
  }
  if (tldrWords.length < 8) tldrWords = [...words(paper.title), ...tldrWords];
  tldrWords = tldrWords.slice(0, 40);
  while (tldrWords.join(' ').length > 400) tldrWords.pop();

  const claimedResults: Array<Record<string, unknown>> = [];
  for (const sentence of sentences) {
    const evidence = sentence.trim();
    if (evidence.length > 1000) continue;
    for (const match of evidence.matchAll(RESULT_VALUE)) {
      if (claimedResults.length >= 5) break;
      claimedResults.push({ value: match[0], metric: null, dataset: null, comparison: null, evidence });
    }
  }

  const prefix = /^([^:]{1,60}):/.exec(paper.title)?.[1]?.trim();
  const methodName = prefix !== undefined && words(prefix).length <= 4 ? prefix : null;
  const codeUrl = URL.exec(paper.abstract)?.[0].replace(/[.]+$/, '') ?? null;
  const text = `${paper.title} ${paper.abstract}`.toLowerCase();
  const contributionType = /\bbenchmark\b/.test(text)
    ? 'benchmark'
    : /\bdataset\b/.test(text)
      ? 'dataset'
      : /\bsurvey\b/.test(text)
        ? 'survey'
        : 'method';
  return {
    tldr: tldrWords.join(' '),
    method_name: methodName,
    contribution_type: contributionType,
    claimed_results: claimedResults,
    tags: [],
    code_url: codeUrl,
  };
}

/** A schema-valid brief stating a result, a URL and a TL;DR number that the paper does not have. */
function ungroundedBrief(paper: FakePaper): Record<string, unknown> {
  const brief = deriveBrief(paper);
  return {
    ...brief,
    tldr: `${words(String(brief.tldr)).slice(0, 25).join(' ')} and reaches 99.9% accuracy.`,
    claimed_results: [
      ...(brief.claimed_results as unknown[]),
      {
        value: '99.9%',
        metric: 'top-1 accuracy',
        dataset: 'ImageNet',
        comparison: null,
        evidence: 'Our method reaches 99.9% top-1 accuracy on ImageNet.',
      },
    ],
    code_url: 'https://github.com/fake-lab/not-in-the-abstract',
  };
}

// ---- Scripts -----------------------------------------------------------------------------------

/** The named behaviours a mix can choose from (objects get small defaults). */
export const NAMED_BEHAVIOURS = {
  valid: 'valid',
  'invalid-json': 'invalid-json',
  'schema-invalid': 'schema-invalid',
  ungrounded: 'ungrounded',
  length: 'length',
  refusal: 'refusal',
  'content-filter': 'content-filter',
  hang: 'hang',
  'rate-limited': { kind: 'rate-limited', retryAfterMs: 50 },
  'server-error': { kind: 'error', status: 500 },
  'injection-obeying': 'injection-obeying',
} as const satisfies Record<string, FakeBehaviour>;
export type BehaviourName = keyof typeof NAMED_BEHAVIOURS;

/**
 * A script answering each call at random with the given shares (`{ 'rate-limited': 0.3 }`; the
 * rest valid), from a seeded generator so a run can be repeated exactly.
 */
export function randomMix(
  shares: Partial<Record<BehaviourName, number>>,
  seed = 1,
): (call: Omit<FakeCall, 'behaviour'>) => FakeBehaviour {
  // mulberry32: tiny, seedable, good enough to pick behaviours.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const entries = Object.entries(shares) as Array<[BehaviourName, number]>;
  return () => {
    let roll = random();
    for (const [name, share] of entries) {
      if (roll < share) return NAMED_BEHAVIOURS[name];
      roll -= share;
    }
    return 'valid';
  };
}

// ---- HTTP ------------------------------------------------------------------------------------

function paperIn(messages: readonly ChatMessage[]): FakePaper | undefined {
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content !== 'string') continue;
    const title = /<title>([\s\S]*?)<\/title>/.exec(message.content)?.[1];
    const abstract = /<abstract>\n?([\s\S]*?)\n?<\/abstract>/.exec(message.content)?.[1];
    if (title !== undefined && abstract !== undefined) return { title, abstract };
  }
  return undefined;
}

function modeOf(body: ChatBody): FakeMode {
  if (Array.isArray(body.tools) && body.tools.length > 0) return 'tools';
  return body.response_format?.type === 'json_object' ? 'json_object' : 'json_schema';
}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function errorBody(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function refusalBody(refusal: NonNullable<ReturnType<typeof refusalFor>>) {
  const { message, type } = refusal;
  return { error: { message, type, param: refusal.param ?? null, code: refusal.code ?? null } };
}

/** The model's answer text for a content behaviour, and how the turn finished. */
function answerFor(
  behaviour: FakeBehaviour,
  paper: FakePaper | undefined,
  isRepair: boolean,
): { text: string | null; finishReason: string; refusal?: string } {
  const known = paper ?? { title: 'Untitled', abstract: 'No abstract was found in the request.' };
  if (isInjectionObeying(behaviour)) {
    const answer = injectionObeyingAnswer(known.abstract, deriveBrief(known), behaviour, isRepair);
    return { text: JSON.stringify(answer), finishReason: 'stop' };
  }
  if (typeof behaviour === 'object') {
    if (behaviour.kind === 'answer') return { text: JSON.stringify(behaviour.brief), finishReason: 'stop' };
    throw new Error(`behaviour ${behaviour.kind} has no answer text`);
  }
  switch (behaviour) {
    case 'valid':
      return { text: JSON.stringify(deriveBrief(known)), finishReason: 'stop' };
    case 'ungrounded':
      return { text: JSON.stringify(ungroundedBrief(known)), finishReason: 'stop' };
    case 'invalid-json':
      return { text: `Here is the brief: {tldr: "${known.title}", results: [`, finishReason: 'stop' };
    case 'schema-invalid':
      return {
        text: JSON.stringify({ tldr: 'Too short.', contribution_type: 'paper', claimed_results: 'none' }),
        finishReason: 'stop',
      };
    case 'length': {
      const full = JSON.stringify(deriveBrief(known));
      return { text: full.slice(0, Math.floor(full.length / 2)), finishReason: 'length' };
    }
    case 'refusal':
      return { text: null, finishReason: 'stop', refusal: "I'm sorry, I can't help with that request." };
    case 'content-filter':
      return { text: null, finishReason: 'content_filter' };
    case 'hang':
      throw new Error('hang has no answer text');
  }
}

function defaultUsage(call: Omit<FakeCall, 'behaviour'>, answerText: string): FakeUsage {
  const promptChars = JSON.stringify(call.body.messages ?? []).length;
  return {
    prompt_tokens: Math.ceil(promptChars / 4),
    completion_tokens: Math.ceil(answerText.length / 4),
    cached_tokens: 0,
  };
}

export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const calls: FakeCall[] = [];
  const queue: FakeBehaviour[] = [];
  const callsPerPaper = new Map<string, number>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let script = options.script ?? (() => 'valid' as const);
  const usageOf = options.usage ?? defaultUsage;
  const slots =
    options.kind?.slots === undefined
      ? undefined
      : createSlots(options.kind.slots, options.kind.serviceMs ?? 0, () => performance.now());

  const respond = async (
    call: Omit<FakeCall, 'behaviour'>,
    behaviour: FakeBehaviour,
    response: ServerResponse,
  ): Promise<void> => {
    const requestId = `req_fake_${call.index}`;
    if (typeof behaviour === 'object' && behaviour.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      return respond(call, behaviour.then ?? 'valid', response);
    }
    if (behaviour === 'hang') return; // the socket stays open until the client gives up
    if (typeof behaviour === 'object' && behaviour.kind === 'rate-limited') {
      const headers: Record<string, string> = { 'x-request-id': requestId, ...behaviour.headers };
      if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      if (behaviour.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(behaviour.retryAfterSeconds);
      return sendJson(
        response,
        429,
        errorBody('Rate limit reached', 'requests', 'rate_limit_exceeded'),
        headers,
      );
    }
    if (typeof behaviour === 'object' && behaviour.kind === 'error') {
      const type = behaviour.status >= 500 ? 'server_error' : 'invalid_request_error';
      return sendJson(
        response,
        behaviour.status,
        errorBody(`fake error ${behaviour.status}`, type, behaviour.code ?? null),
        {
          'x-request-id': requestId,
          ...behaviour.headers,
        },
      );
    }

    const answer = answerFor(behaviour, call.paper, call.isRepair);
    const usage = usageOf(call, answer.text ?? answer.refusal ?? '');
    const toolName = call.body.tools?.[0]?.function?.name ?? 'record_brief';
    // llama.cpp reads an object tool_choice as "auto": the model answers in prose, not with the tool.
    const toolIgnored =
      options.kind?.toolChoiceStringOnly === true && typeof call.body.tool_choice === 'object';
    if (toolIgnored && answer.text !== null) answer.text = proseAround(answer.text);
    const message =
      call.mode === 'tools' && answer.text !== null && !toolIgnored
        ? {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              {
                id: `call_${call.index}`,
                type: 'function',
                function: { name: toolName, arguments: answer.text },
              },
            ],
          }
        : { role: 'assistant', content: answer.text, refusal: answer.refusal ?? null };
    const finishReason =
      call.mode === 'tools' && answer.finishReason === 'stop' && !toolIgnored
        ? 'tool_calls'
        : answer.finishReason;
    sendJson(
      response,
      200,
      {
        id: `chatcmpl-fake-${call.index}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: call.body.model ?? 'fake-model',
        choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
        usage: {
          prompt_tokens: usage.prompt_tokens,
          completion_tokens: usage.completion_tokens,
          total_tokens: usage.prompt_tokens + usage.completion_tokens,
          prompt_tokens_details: { cached_tokens: usage.cached_tokens },
        },
      },
      { 'x-request-id': requestId },
    );
  };

  const batch = createFakeBatchApi(() => `${baseUrl}/chat/completions`, options.batch);
  const server = createServer((request, response) => {
    void (async () => {
      const receivedAt = performance.now();
      if (await batch.handle(request, response)) return;
      let clientGone = false;
      response.on('close', () => (clientGone = !response.writableFinished));
      const kind = options.kind ?? {};
      const route = routeOf(request, kind);
      if (route.kind === 'unknown') {
        return sendJson(
          response,
          404,
          errorBody(`no route ${request.method} ${request.url}`, 'invalid_request_error', null),
        );
      }
      if (route.kind === 'models') {
        const refusal = refusalFor(request, route, undefined, kind);
        if (refusal) return sendJson(response, refusal.status, refusalBody(refusal));
        return sendJson(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model' }] });
      }
      let body: ChatBody;
      try {
        body = JSON.parse(await readBody(request)) as ChatBody;
      } catch {
        return sendJson(response, 400, errorBody('body is not JSON', 'invalid_request_error', null));
      }
      const refusal = refusalFor(request, route, body, kind);
      const messages = body.messages ?? [];
      const paper = paperIn(messages);
      const paperCall = (callsPerPaper.get(paper?.title ?? '') ?? 0) + 1;
      callsPerPaper.set(paper?.title ?? '', paperCall);
      const base = {
        index: calls.length,
        body,
        headers: request.headers,
        mode: modeOf(body),
        paper,
        paperCall,
        isRepair: messages.some((message) => message.role === 'assistant'),
        receivedAt,
      };
      const behaviour: FakeBehaviour = refusal
        ? { kind: 'error', status: refusal.status }
        : (queue.shift() ?? script(base));
      const call: FakeCall = { ...base, behaviour, route };
      calls.push(call);
      for (const waiter of waiters.filter((candidate) => calls.length >= candidate.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (refusal) return sendJson(response, refusal.status, refusalBody(refusal));
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (slots) {
        call.slot = slots.reserve();
        await new Promise((resolve) => setTimeout(resolve, call.slot!.readyAt - performance.now()));
        // Computed to the end whether or not anyone is still waiting for it.
        call.abandoned = clientGone;
        if (call.abandoned) return;
      }
      await respond(base, behaviour, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, errorBody(String(error), 'server_error', null));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/v1`;

  return {
    baseUrl,
    batch,
    origin: baseUrl.replace(/\/v1$/, ''),
    calls,
    enqueue: (...behaviours) => queue.push(...behaviours),
    setScript: (next) => {
      script = next;
    },
    waitForCalls: (count) =>
      calls.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
