import http from 'node:http';
import https from 'node:https';
import type { Brief } from '../briefs/brief.js';
import { outcomeOfError, outcomeOfStatus, type DeliveryOutcome } from './delivery-outcome.js';
import { guardedLookup, systemResolveHost, type ResolveHost } from './guarded-lookup.js';
import { signWebhook } from './sign-webhook.js';
import { urlPolicyProblem, type WebhookEndpoint } from './webhook-endpoint.js';
import { briefCreatedEvent, webhookIdForBrief } from './webhook-event.js';
import { discordMessage } from './discord-message.js';
import { slackMessage } from './slack-message.js';

/** One brief on its way to one endpoint. Every attempt sends the same id and the same body. */
export interface WebhookDelivery {
  /** `msg_…`, the same for every attempt and replay (see `webhookIdFor`). */
  webhookId: string;
  endpoint: Pick<WebhookEndpoint, 'id' | 'url' | 'secret' | 'format'>;
  /**
   * Exactly the bytes sent: the `brief.created` event (signed), or for a `slack` or `discord`
   * endpoint that platform's message (not signed: its URL is the secret).
   */
  payload: string;
}

export interface SendWebhookDeps {
  /** Admit non-public addresses (except cloud metadata services) and plain http. @default false */
  allowPrivate?: boolean;
  /** The whole attempt (DNS, connect, TLS, answer) must finish within this, in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** Host name resolution, checked on connect. @default the system resolver (`dns.lookup`) */
  resolveHost?: ResolveHost;
  /** The attempt's time, signed into `webhook-timestamp`. @default () => new Date() */
  now?: () => Date;
  /** @default 'paperbrief-webhooks' */
  userAgent?: string;
}

/** Characters of the endpoint's answer kept in the outcome, for the deliveries log. */
export const RESPONSE_BODY_LIMIT = 1024;

/**
 * The delivery of `brief` to `endpoint`: its stable id and its body. Build it again for every
 * attempt; the result is the same each time.
 */
export function createWebhookDelivery(
  brief: Brief,
  endpoint: WebhookDelivery['endpoint'],
  options: { occurredAt?: Date | string } = {},
): WebhookDelivery {
  const format = endpoint.format ?? 'standard';
  const body =
    format === 'slack'
      ? slackMessage(brief)
      : format === 'discord'
        ? discordMessage(brief)
        : briefCreatedEvent(brief, options.occurredAt);
  return { webhookId: webhookIdForBrief(brief, endpoint.id), endpoint, payload: JSON.stringify(body) };
}

/**
 * Makes ONE signed POST of `delivery` and classifies the answer. Redirects are not followed.
 * No retries here: the queue owns them (with `nextDelayMs`). Never throws for network trouble;
 * everything is an outcome.
 */
export async function sendWebhook(
  delivery: WebhookDelivery,
  deps: SendWebhookDeps = {},
): Promise<DeliveryOutcome> {
  const startedAt = performance.now();
  const durationMs = (): number => Math.round(performance.now() - startedAt);
  const allowPrivate = deps.allowPrivate ?? false;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const now = deps.now ?? (() => new Date());

  if (!URL.canParse(delivery.endpoint.url)) {
    return {
      kind: 'refused',
      reason: `endpoint ${delivery.endpoint.id}: URL is not valid`,
      durationMs: durationMs(),
    };
  }
  const url = new URL(delivery.endpoint.url);
  const problem = urlPolicyProblem(url, allowPrivate);
  if (problem !== undefined) return { kind: 'refused', reason: problem, durationMs: durationMs() };

  // Slack and Discord authenticate by their URL and take no signature headers.
  let signatureHeaders: ReturnType<typeof signWebhook> | Record<string, never> = {};
  if ((delivery.endpoint.format ?? 'standard') === 'standard') {
    try {
      signatureHeaders = signWebhook({
        webhookId: delivery.webhookId,
        payload: delivery.payload,
        secret: delivery.endpoint.secret ?? '',
        timestamp: now(),
      });
    } catch (error) {
      return { kind: 'refused', reason: (error as Error).message, durationMs: durationMs() };
    }
  }

  return new Promise<DeliveryOutcome>((resolve) => {
    let status: number | undefined;
    let retryAfter: string | undefined;
    let location: string | undefined;
    const body: Buffer[] = [];
    let bodyBytes = 0;

    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      // A fresh agent per attempt: no pooled socket outlives the address check of its connection.
      agent: false,
      lookup: guardedLookup(deps.resolveHost ?? systemResolveHost, allowPrivate),
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(delivery.payload),
        'user-agent': deps.userAgent ?? 'paperbrief-webhooks',
        ...signatureHeaders,
      },
    });

    let settled = false;
    const finish = (outcome: DeliveryOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(outcome);
    };
    const finishWithStatus = (answered: number): void => {
      const responseBody = Buffer.concat(body).toString('utf8').slice(0, RESPONSE_BODY_LIMIT);
      finish(
        outcomeOfStatus(answered, {
          responseBody,
          retryAfter,
          location,
          now: now(),
          durationMs: durationMs(),
        }),
      );
    };
    const timer = setTimeout(() => {
      // Headers in time but a body that never ends: the status is the endpoint's answer.
      if (status !== undefined) return finishWithStatus(status);
      finish({
        kind: 'retry',
        errorCode: 'timeout',
        reason: `no answer within ${timeoutMs} ms`,
        durationMs: durationMs(),
      });
    }, timeoutMs);

    request.on('response', (response) => {
      const answered = response.statusCode ?? 0;
      status = answered;
      retryAfter = response.headers['retry-after'];
      location = response.headers.location;
      response.on('data', (chunk: Buffer) => {
        body.push(chunk);
        bodyBytes += chunk.length;
        if (bodyBytes >= RESPONSE_BODY_LIMIT) finishWithStatus(answered);
      });
      response.on('end', () => finishWithStatus(answered));
      response.on('error', () => finishWithStatus(answered));
    });
    request.on('error', (error) => {
      if (status !== undefined) return finishWithStatus(status);
      finish(outcomeOfError(error, durationMs()));
    });
    request.end(delivery.payload);
  });
}
