import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The Files and Batches endpoints of OpenAI's API, faked for tests with the real shapes:
 * `POST /v1/files` (multipart, purpose `batch`), `GET /v1/files/{id}` and `/content`,
 * `POST /v1/batches`, `GET /v1/batches/{id}`, `GET /v1/batches`, `POST /v1/batches/{id}/cancel`.
 * A batch runs each request line through the same server's own `POST /v1/chat/completions`
 * (marked with an `x-fake-batch` header), so the chat script decides every answer, 5xx lines
 * included, and `calls` shows which calls were batch lines and which were synchronous.
 *
 * Batches wait in `validating` until the test moves them (`process`, `expire`, `failValidation`),
 * unless `autoProcess` is set.
 */

export interface FakeBatchApiOptions {
  /** Lines a batch may have; more fails validation, as the real API does above 50,000. @default 50000 */
  maxRequestsPerBatch?: number;
  /** Process every batch as soon as it is created. @default false */
  autoProcess?: boolean;
  /** Write output lines in a shuffled order (the real API does not promise input order). @default false */
  outOfOrder?: boolean;
}

interface FakeFile {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  content: string;
}

export interface FakeBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  errors: { object: 'list'; data: Array<{ code: string; message: string; line: number | null }> } | null;
  input_file_id: string;
  completion_window: string;
  status:
    | 'validating'
    | 'failed'
    | 'in_progress'
    | 'finalizing'
    | 'completed'
    | 'expired'
    | 'cancelling'
    | 'cancelled';
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
}

export interface FakeBatchApi {
  /** Answers the request when it is one of the Files or Batches routes; false otherwise. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Every batch created, by id. */
  readonly batches: ReadonlyMap<string, FakeBatch>;
  /** Uploaded and produced files, by id. */
  readonly files: ReadonlyMap<string, Omit<FakeFile, 'content'> & { content: string }>;
  /** Runs a batch's lines (all of them, or the first `lines`) and completes it. */
  process(batchId: string): Promise<FakeBatch>;
  /** Runs the first `answered` lines, then expires the batch: the rest go to the error file as `batch_expired`. */
  expire(batchId: string, answered?: number): Promise<FakeBatch>;
  /** Fails a batch's validation (no output at all). */
  failValidation(batchId: string, message?: string): FakeBatch;
}

const now = () => Math.floor(Date.now() / 1000);

export function createFakeBatchApi(chatUrl: () => string, options: FakeBatchApiOptions = {}): FakeBatchApi {
  const files = new Map<string, FakeFile>();
  const batches = new Map<string, FakeBatch>();
  const cancelled = new Set<string>();
  let nextId = 1;
  const maxRequests = options.maxRequestsPerBatch ?? 50_000;

  const addFile = (filename: string, purpose: string, content: string): FakeFile => {
    const file: FakeFile = {
      id: `file-fake${nextId++}`,
      object: 'file',
      bytes: Buffer.byteLength(content),
      created_at: now(),
      filename,
      purpose,
      status: 'processed',
      content,
    };
    files.set(file.id, file);
    return file;
  };
  const publicFile = ({ content: _content, ...file }: FakeFile) => file;

  interface InputLine {
    custom_id: string;
    method: string;
    url: string;
    body: unknown;
  }

  /** The input lines of a batch, or the validation errors that fail it. */
  function readInput(batch: FakeBatch): { lines: InputLine[]; errors: string[] } {
    const text = files.get(batch.input_file_id)?.content ?? '';
    const lines: InputLine[] = [];
    const errors: string[] = [];
    const seen = new Set<string>();
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return;
      try {
        const line = JSON.parse(raw) as InputLine;
        if (typeof line.custom_id !== 'string' || seen.has(line.custom_id)) {
          errors.push(`line ${index + 1}: custom_id missing or repeated`);
        } else if (line.method !== 'POST' || line.url !== batch.endpoint || typeof line.body !== 'object') {
          errors.push(`line ${index + 1}: method, url or body invalid`);
        }
        seen.add(line.custom_id);
        lines.push(line);
      } catch {
        errors.push(`line ${index + 1}: not JSON`);
      }
    });
    if (lines.length > maxRequests) errors.push(`${lines.length} requests, more than ${maxRequests}`);
    return { lines, errors };
  }

  /** Runs `lines` through the chat endpoint, 8 at a time; returns output and error lines. */
  async function runLines(batch: FakeBatch, lines: InputLine[]) {
    const output: string[] = [];
    const errors: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < lines.length && !cancelled.has(batch.id)) {
        const index = next++;
        const line = lines[index] as InputLine;
        const answer = await fetch(chatUrl(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-fake-batch': batch.id },
          body: JSON.stringify(line.body),
        });
        const body = (await answer.json()) as unknown;
        const record = JSON.stringify({
          id: `batch_req_${batch.id}_${index}`,
          custom_id: line.custom_id,
          response: {
            status_code: answer.status,
            request_id: answer.headers.get('x-request-id') ?? `req_${index}`,
            body,
          },
          error: null,
        });
        (answer.status === 200 ? output : errors).push(record);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    if (options.outOfOrder) output.sort(() => Math.random() - 0.5);
    return { output, errors };
  }

  async function run(batchId: string, answered?: number): Promise<FakeBatch> {
    const batch = batches.get(batchId);
    if (!batch) throw new Error(`no fake batch ${batchId}`);
    const { lines, errors: invalid } = readInput(batch);
    if (invalid.length > 0) return failValidation(batchId, invalid.join('; '));
    batch.status = 'in_progress';
    batch.in_progress_at = now();
    const { output, errors } = await runLines(batch, lines.slice(0, answered ?? lines.length));
    const expired = answered !== undefined;
    if (expired) {
      for (const line of lines.slice(answered)) {
        errors.push(
          JSON.stringify({
            id: `batch_req_${batch.id}_expired_${line.custom_id}`,
            custom_id: line.custom_id,
            response: null,
            error: {
              code: 'batch_expired',
              message: 'This request could not be executed before the completion window expired.',
            },
          }),
        );
      }
    }
    const finish = (status: FakeBatch['status']) => {
      if (output.length > 0)
        batch.output_file_id = addFile('batch_output.jsonl', 'batch_output', `${output.join('\n')}\n`).id;
      if (errors.length > 0)
        batch.error_file_id = addFile('batch_errors.jsonl', 'batch_output', `${errors.join('\n')}\n`).id;
      batch.request_counts = { total: lines.length, completed: output.length, failed: errors.length };
      batch.status = status;
    };
    if (cancelled.has(batchId)) {
      finish('cancelled');
      batch.cancelled_at = now();
    } else if (expired) {
      finish('expired');
      batch.expired_at = now();
    } else {
      batch.finalizing_at = now();
      finish('completed');
      batch.completed_at = now();
    }
    return batch;
  }

  function failValidation(batchId: string, message = 'the input file is invalid'): FakeBatch {
    const batch = batches.get(batchId);
    if (!batch) throw new Error(`no fake batch ${batchId}`);
    batch.status = 'failed';
    batch.failed_at = now();
    batch.errors = { object: 'list', data: [{ code: 'invalid_request', message, line: null }] };
    return batch;
  }

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const notFound = (response: ServerResponse, what: string) =>
    send(response, 404, {
      error: { message: `No such ${what}`, type: 'invalid_request_error', param: null, code: null },
    });
  const readAll = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = new URL(request.url ?? '/', 'http://fake').pathname.replace(/^\/v1/, '');
    const method = request.method ?? 'GET';
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/files') {
      // Parsed with the platform's own multipart reader, as a server framework would.
      const form = await new Request('http://fake/upload', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: await readAll(request),
      }).formData();
      const upload = form.get('file');
      const purpose = form.get('purpose');
      if (!(upload instanceof Blob) || purpose !== 'batch') {
        send(response, 400, {
          error: {
            message: 'file and purpose=batch are required',
            type: 'invalid_request_error',
            param: 'file',
            code: null,
          },
        });
        return true;
      }
      const name = upload instanceof File ? upload.name : 'upload.jsonl';
      send(response, 200, publicFile(addFile(name, purpose, await upload.text())));
      return true;
    }
    if (method === 'GET' && (match = /^\/files\/([^/]+)\/content$/.exec(path))) {
      const file = files.get(match[1] as string);
      if (!file) notFound(response, 'file');
      else {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(file.content);
      }
      return true;
    }
    if (method === 'GET' && (match = /^\/files\/([^/]+)$/.exec(path))) {
      const file = files.get(match[1] as string);
      if (file) send(response, 200, publicFile(file));
      else notFound(response, 'file');
      return true;
    }
    if (method === 'POST' && path === '/batches') {
      const body = JSON.parse((await readAll(request)).toString('utf8')) as {
        input_file_id?: string;
        endpoint?: string;
        completion_window?: string;
        metadata?: Record<string, string>;
      };
      if (!body.input_file_id || !files.has(body.input_file_id) || body.completion_window !== '24h') {
        send(response, 400, {
          error: {
            message: 'input_file_id and completion_window 24h are required',
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        });
        return true;
      }
      const created = now();
      const batch: FakeBatch = {
        id: `batch_fake${nextId++}`,
        object: 'batch',
        endpoint: body.endpoint ?? '/v1/chat/completions',
        errors: null,
        input_file_id: body.input_file_id,
        completion_window: body.completion_window,
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: created,
        in_progress_at: null,
        expires_at: created + 24 * 3600,
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: 0, completed: 0, failed: 0 },
        metadata: body.metadata ?? null,
      };
      batches.set(batch.id, batch);
      send(response, 200, batch);
      if (options.autoProcess) void run(batch.id);
      return true;
    }
    if (method === 'GET' && path === '/batches') {
      const data = [...batches.values()].reverse();
      send(response, 200, {
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: false,
      });
      return true;
    }
    if ((match = /^\/batches\/([^/]+)(\/cancel)?$/.exec(path))) {
      const batch = batches.get(match[1] as string);
      if (!batch) notFound(response, 'batch');
      else if (method === 'POST' && match[2]) {
        cancelled.add(batch.id);
        if (batch.status === 'validating') {
          batch.status = 'cancelled';
          batch.cancelled_at = now();
        } else if (batch.status === 'in_progress') {
          batch.status = 'cancelling';
          batch.cancelling_at = now();
        }
        send(response, 200, batch);
      } else send(response, 200, batch);
      return true;
    }
    return false;
  }

  return {
    handle,
    batches,
    files,
    process: (batchId) => run(batchId),
    expire: (batchId, answered = 0) => run(batchId, answered),
    failValidation,
  };
}
