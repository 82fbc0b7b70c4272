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
 * One version of a brief: its key plus what it was made from and when. Re-briefing a paper (a new
 * input, or `--force`) stores a new version under the same key.
 */
export interface BriefVersion extends BriefKey {
  /** `provenance.input_hash`. */
  inputHash: string;
  /** `provenance.created_at`, exactly as in the brief. */
  createdAt: string;
}

/** The version of `brief` (see BriefVersion). */
export function briefVersionOf(brief: Brief): BriefVersion {
  return {
    ...briefKeyOf(brief),
    inputHash: brief.provenance.input_hash,
    createdAt: brief.provenance.created_at,
  };
}

/**
 * The `webhook-id` of the delivery of one brief version to one endpoint: `msg_` + 32 hex
 * characters of a SHA-256 over the brief version and the endpoint id. Deterministic, so retries
 * and replays of a delivery carry the same id and receivers can de-duplicate by it; a new version
 * of the brief (re-briefed) gets a new id, so a de-duplicating receiver does not drop it.
 */
export function webhookIdFor(version: BriefVersion, endpointId: string): string {
  const identity = JSON.stringify([
    version.paperId,
    version.provider,
    version.model,
    version.promptVersion,
    version.inputHash,
    version.createdAt,
    endpointId,
  ]);
  return `msg_${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}

/** The webhook-id of delivering `brief` (this version of it) to the endpoint `endpointId`. */
export function webhookIdForBrief(brief: Brief, endpointId: string): string {
  return webhookIdFor(briefVersionOf(brief), endpointId);
}
