import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BriefSchema, briefKeyOf, type Brief, type BriefKey } from '../briefs/brief.js';

/** The only event type so far: a new brief was made. */
export const BRIEF_CREATED = 'brief.created';

/** The body of every webhook request (Standard Webhooks: `type`, `timestamp`, `data`). */
export const BriefCreatedEventSchema = z.object({
  type: z.literal(BRIEF_CREATED),
  /** When the event happened (the brief's `provenance.created_at` unless told otherwise); ISO-8601. */
  timestamp: z.iso.datetime(),
  data: BriefSchema,
});
export type BriefCreatedEvent = z.infer<typeof BriefCreatedEventSchema>;

/**
 * The `brief.created` event for `brief`. Its timestamp is the brief's creation time by default,
 * so every attempt and every replay of a delivery sends the same body.
 */
export function briefCreatedEvent(
  brief: Brief,
  occurredAt: Date | string = brief.provenance.created_at,
): BriefCreatedEvent {
  const timestamp = typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString();
  return { type: BRIEF_CREATED, timestamp, data: brief };
}

/**
 * The `webhook-id` of the delivery of one brief to one endpoint: `msg_` + 32 hex characters of a
 * SHA-256 over the brief key and the endpoint id. Deterministic, so retries and replays carry the
 * same id and receivers can de-duplicate by it.
 */
export function webhookIdFor(key: BriefKey, endpointId: string): string {
  const identity = JSON.stringify([key.paperId, key.provider, key.model, key.promptVersion, endpointId]);
  return `msg_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

/** The webhook-id of delivering `brief` to the endpoint `endpointId`. */
export function webhookIdForBrief(brief: Brief, endpointId: string): string {
  return webhookIdFor(briefKeyOf(brief), endpointId);
}
