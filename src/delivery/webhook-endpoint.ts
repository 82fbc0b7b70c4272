import { isIP } from 'node:net';
import { z } from 'zod';
import { TagSchema, type Brief } from '../briefs/brief.js';
import { refusedAddressReason } from './address-policy.js';

/** Bytes a secret must have at least (the Standard Webhooks spec recommends 24 to 64). */
export const MIN_SECRET_BYTES = 24;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SECRET_HINT = `"whsec_" followed by base64 of at least ${MIN_SECRET_BYTES} random bytes (e.g. whsec_$(openssl rand -base64 32))`;

// Error messages never repeat the value: it may be a secret or carry credentials.
const SecretSchema = z.string().refine((secret) => {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : undefined;
  return (
    encoded !== undefined && BASE64.test(encoded) && Buffer.from(encoded, 'base64').length >= MIN_SECRET_BYTES
  );
}, `must be ${SECRET_HINT}`);

const UrlSchema = z.string().refine((text) => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:');
}, 'must be an absolute http(s) URL');

/**
 * What an endpoint receives: `standard` the signed `brief.created` event (Standard Webhooks),
 * `slack` a Block Kit message for an incoming webhook, `discord` an embed for a channel webhook.
 * Slack and Discord URLs carry their own secret, so those endpoints need no `secret`.
 */
export const WebhookFormatSchema = z.enum(['standard', 'slack', 'discord']);
export type WebhookFormat = z.infer<typeof WebhookFormatSchema>;

/** One place briefs are delivered to. */
export const WebhookEndpointSchema = z
  .object({
    /** Stable name of the endpoint: part of every `webhook-id`, and how the deliveries log names it. */
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1 to 64 letters, digits, "_", "." or "-"'),
    url: UrlSchema,
    /** The signing secret of a `standard` endpoint (not used by `slack` and `discord`). */
    secret: SecretSchema.optional(),
    /** Deliver only briefs carrying at least one of these tags; omit to receive every brief. */
    tags: z.array(TagSchema).min(1, 'must list at least one tag (omit it to receive every brief)').optional(),
    /** @default 'standard' */
    format: WebhookFormatSchema.optional(),
  })
  .strict()
  .superRefine((endpoint, context) => {
    if ((endpoint.format ?? 'standard') === 'standard' && endpoint.secret === undefined) {
      context.addIssue({ code: 'custom', path: ['secret'], message: `is missing: must be ${SECRET_HINT}` });
    }
  });
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** The content of a `PAPERBRIEF_WEBHOOKS_FILE`: `{ "endpoints": [ { id, url, secret, tags? }, ... ] }`. */
export const WebhookEndpointsFileSchema = z
  .object({ endpoints: z.array(WebhookEndpointSchema).min(1, 'must list at least one endpoint') })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.endpoints.forEach((endpoint, index) => {
      if (seen.has(endpoint.id)) {
        context.addIssue({
          code: 'custom',
          path: ['endpoints', index, 'id'],
          message: 'is used by two endpoints',
        });
      }
      seen.add(endpoint.id);
    });
  });

/**
 * What is wrong with delivering to `url` under the address policy, known before any connection:
 * plain http without `allowPrivate`, or an IP literal that may not be reached. Hostnames are
 * checked again, after DNS resolution, on every connection (see `sendWebhook`).
 */
export function urlPolicyProblem(url: URL, allowPrivate: boolean): string | undefined {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate)) {
    return url.protocol === 'http:'
      ? 'plain http is refused; use https (PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE=1 admits http for development)'
      : `scheme ${url.protocol} is not supported; use https`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refused = isIP(host) === 0 ? undefined : refusedAddressReason(host, allowPrivate);
  return refused === undefined ? undefined : `address ${host} is refused: ${refused}`;
}

/** True when `endpoint` wants `brief`: it has no tag filter, or the brief carries one of its tags. */
export function endpointWantsBrief(
  endpoint: Pick<WebhookEndpoint, 'id' | 'tags'>,
  brief: Pick<Brief, 'tags'>,
): boolean {
  return endpoint.tags === undefined || endpoint.tags.some((tag) => brief.tags.includes(tag));
}

/** The endpoints that want `brief`, in configuration order. */
export function endpointsForBrief<E extends Pick<WebhookEndpoint, 'id' | 'tags'>>(
  endpoints: readonly E[],
  brief: Pick<Brief, 'tags'>,
): E[] {
  return endpoints.filter((endpoint) => endpointWantsBrief(endpoint, brief));
}
