import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BriefCreatedEventSchema,
  briefVersionOf,
  createWebhookDelivery,
  RESPONSE_BODY_LIMIT,
  sendWebhook,
  webhookIdFor,
  type SendWebhookDeps,
  type WebhookDelivery,
} from '../../src/delivery/index.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const local: SendWebhookDeps = { allowPrivate: true, timeoutMs: 5_000 };

let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

function deliveryTo(url: string, brief = briefFixture()): WebhookDelivery {
  return createWebhookDelivery(brief, { id: 'team-a', url, secret });
}

describe('sendWebhook against a real receiver', () => {
  it('posts a body and headers that verify with the standardwebhooks library', async () => {
    const brief = briefFixture();
    const outcome = await sendWebhook(deliveryTo(receiver.url, brief), local);
    expect(outcome).toMatchObject({ kind: 'delivered', status: 204 });

    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(secret).verify(request?.rawBody ?? '', request?.headers ?? {});
    expect(BriefCreatedEventSchema.parse(verified)).toEqual({
      type: 'brief.created',
      timestamp: brief.provenance.created_at,
      data: brief,
    });
    const otherSecret = `whsec_${randomBytes(24).toString('base64')}`;
    expect(() => new Webhook(otherSecret).verify(request?.rawBody ?? '', request?.headers ?? {})).toThrow(
      'No matching signature found',
    );
  });

  it('keeps the webhook-id and body across attempts, re-signing each attempt with its own timestamp', async () => {
    receiver.respondWith(500, 503);
    const brief = briefFixture();
    const times = [new Date(Date.now() - 120_000), new Date(Date.now() - 60_000), new Date()];
    const outcomes = [];
    for (const time of times) {
      // Built afresh for every attempt, as the queue's processor does.
      outcomes.push(await sendWebhook(deliveryTo(receiver.url, brief), { ...local, now: () => time }));
    }
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['retry', 'retry', 'delivered']);
    const ids = receiver.requests.map((request) => request.headers['webhook-id']);
    expect(ids).toEqual(
      Array(3).fill(
        webhookIdFor(
          {
            paperId: '2406.04312',
            provider: 'extractive',
            model: 'extractive-v1',
            promptVersion: 'v1',
            inputHash: brief.provenance.input_hash,
            createdAt: '2026-01-02T03:04:05.678Z',
          },
          'team-a',
        ),
      ),
    );
    expect(new Set(receiver.requests.map((request) => request.rawBody)).size).toBe(1);
    expect(receiver.requests.map((request) => request.headers['webhook-timestamp'])).toEqual(
      times.map((time) => String(Math.floor(time.getTime() / 1000))),
    );
    for (const request of receiver.requests)
      expect(() => new Webhook(secret).verify(request.rawBody, request.headers)).not.toThrow();
  });

  it('gives another endpoint, or another brief, another webhook-id', () => {
    const brief = briefFixture();
    const first = createWebhookDelivery(brief, { id: 'team-a', url: receiver.url, secret });
    const otherEndpoint = createWebhookDelivery(brief, { id: 'team-b', url: receiver.url, secret });
    const otherBrief = createWebhookDelivery(briefFixture({ paper: { id: '2406.99999' } }), {
      id: 'team-a',
      url: receiver.url,
      secret,
    });
    const otherModel = createWebhookDelivery(briefFixture({ provenance: { model: 'gpt-x' } }), {
      id: 'team-a',
      url: receiver.url,
      secret,
    });
    expect(
      new Set([first, otherEndpoint, otherBrief, otherModel].map((delivery) => delivery.webhookId)).size,
    ).toBe(4);
  });

  it('gives a new version of the same brief (re-briefed) a new webhook-id, and the same version the same one', () => {
    const endpoint = { id: 'team-a', url: receiver.url, secret };
    const original = createWebhookDelivery(briefFixture(), endpoint);
    const again = createWebhookDelivery(briefFixture(), endpoint);
    const rebriefed = createWebhookDelivery(
      briefFixture({ provenance: { created_at: '2026-02-03T04:05:06.789Z' } }),
      endpoint,
    );
    const newInput = createWebhookDelivery(
      briefFixture({ provenance: { input_hash: 'a'.repeat(64) } }),
      endpoint,
    );
    expect(again.webhookId).toBe(original.webhookId);
    expect(rebriefed.webhookId).not.toBe(original.webhookId);
    expect(newInput.webhookId).not.toBe(original.webhookId);
    expect(webhookIdFor(briefVersionOf(briefFixture()), 'team-a')).toBe(original.webhookId);
  });

  it('reports 410 as gone', async () => {
    receiver.respondWith({ status: 410, body: 'unsubscribed' });
    await expect(sendWebhook(deliveryTo(receiver.url), local)).resolves.toMatchObject({
      kind: 'gone',
      status: 410,
      responseBody: 'unsubscribed',
    });
  });

  it('reports another status as retry, with the body and Retry-After', async () => {
    receiver.respondWith(
      { status: 500, body: 'boom' },
      { status: 429, headers: { 'retry-after': '7' } },
      404,
    );
    await expect(sendWebhook(deliveryTo(receiver.url), local)).resolves.toMatchObject({
      kind: 'retry',
      status: 500,
      reason: 'HTTP 500',
      responseBody: 'boom',
    });
    await expect(sendWebhook(deliveryTo(receiver.url), local)).resolves.toMatchObject({
      kind: 'retry',
      status: 429,
      retryAfterMs: 7_000,
    });
    await expect(sendWebhook(deliveryTo(receiver.url), local)).resolves.toMatchObject({
      kind: 'retry',
      status: 404,
    });
  });

  it('keeps only the start of a long answer', async () => {
    receiver.respondWith({ status: 200, body: 'x'.repeat(100_000) });
    const outcome = await sendWebhook(deliveryTo(receiver.url), local);
    expect(outcome).toMatchObject({
      kind: 'delivered',
      status: 200,
      responseBody: 'x'.repeat(RESPONSE_BODY_LIMIT),
    });
  });

  it('does not follow redirects', async () => {
    const elsewhere = `http://127.0.0.1:${receiver.port}/elsewhere`;
    receiver.respondWith({ status: 307, headers: { location: elsewhere } });
    const outcome = await sendWebhook(deliveryTo(receiver.url), local);
    expect(outcome).toMatchObject({ kind: 'retry', status: 307 });
    expect(outcome.reason).toContain(`redirects are not followed; Location: ${elsewhere}`);
    expect(receiver.requests.map((request) => request.path)).toEqual(['/hooks']);
  });

  it('gives up on an endpoint that does not answer within the timeout: retry', async () => {
    receiver.respondWith({ status: 200, hang: true });
    const outcome = await sendWebhook(deliveryTo(receiver.url), { ...local, timeoutMs: 200 });
    expect(outcome).toMatchObject({ kind: 'retry', errorCode: 'timeout', reason: 'no answer within 200 ms' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(190);
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports a refused connection as retry, and delivers with the same webhook-id once the receiver is back', async () => {
    const brief = briefFixture();
    await receiver.down();
    const first = await sendWebhook(deliveryTo(receiver.url, brief), local);
    expect(first).toMatchObject({ kind: 'retry', errorCode: 'ECONNREFUSED' });
    expect(first.reason).toContain('connection failed');

    await receiver.up();
    const second = await sendWebhook(deliveryTo(receiver.url, brief), local);
    expect(second).toMatchObject({ kind: 'delivered' });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers['webhook-id']).toBe(deliveryTo(receiver.url, brief).webhookId);
  });

  it('reaches a host name through the injected resolver when private addresses are allowed', async () => {
    const asked: string[] = [];
    const outcome = await sendWebhook(deliveryTo(`http://hooks.internal.example:${receiver.port}/hooks`), {
      ...local,
      resolveHost: async (hostname) => {
        asked.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(outcome).toMatchObject({ kind: 'delivered' });
    expect(asked).toEqual(['hooks.internal.example']);
    expect(receiver.requests[0]?.headers.host).toBe(`hooks.internal.example:${receiver.port}`);
  });

  it('refuses a secret the library cannot use, without sending', async () => {
    const outcome = await sendWebhook(
      createWebhookDelivery(briefFixture(), { id: 'x', url: receiver.url, secret: 'whsec_' }),
      local,
    );
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(outcome.reason).toContain('webhook secret is not usable');
    expect(receiver.requests).toHaveLength(0);
  });
});
