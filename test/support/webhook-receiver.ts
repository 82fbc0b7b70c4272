import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real `node:http` webhook receiver for tests, on 127.0.0.1 and a port the system picks.
 * It records every request (headers and raw body), answers with scripted statuses, and can go
 * down and come back up on the same port to play an endpoint that is away for a while.
 */

export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/hooks`. */
  path: string;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body exactly as received (what a signature covers). */
  rawBody: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the connection stays open until the client gives up or the receiver stops). */
  hang?: boolean;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks` */
  readonly url: string;
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: readonly ReceivedRequest[];
  /** Answers for the next requests, in order; afterwards `defaultStatus`. */
  respondWith(...responses: Array<number | ScriptedResponse>): void;
  /** Resolves once `count` requests have arrived. @throws after `timeoutMs` (default 5000) */
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly ReceivedRequest[]>;
  /** Stops listening and drops open connections; connecting now fails with ECONNREFUSED. */
  down(): Promise<void>;
  /** Listens again, on the same port. */
  up(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** Status when nothing is scripted. @default 204 */
  defaultStatus?: number;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const script: ScriptedResponse[] = [];
  const waiters = new Set<() => void>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: flattenHeaders(request.headers),
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      for (const wake of waiters) wake();
      const answer = script.shift() ?? { status: options.defaultStatus ?? 204 };
      if (answer.hang) return;
      response.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  const port = await listen(server, 0);

  async function down(): Promise<void> {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    requests,
    respondWith(...responses) {
      script.push(
        ...responses.map((response) => (typeof response === 'number' ? { status: response } : response)),
      );
    },
    waitForRequests(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(requests);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${requests.length} of ${count} requests within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    down,
    async up() {
      if (!server.listening) await listen(server, port);
    },
    close: down,
  };
}
