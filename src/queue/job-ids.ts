import { createHash } from 'node:crypto';
import type { BriefKey } from '../briefs/brief.js';

/**
 * Deterministic BullMQ job ids. Adding a job whose id exists is a no-op, so enqueueing the same
 * paper twice makes one job. BullMQ forbids `:` in custom ids and ids made only of digits; these
 * ids are a readable part (the paper id with anything but `[A-Za-z0-9._-]` replaced) plus a hash
 * of the whole key, which keeps them unique whatever the readable part lost.
 * Lasting idempotency is the store's upsert: completed jobs are removed after a while.
 */

function readable(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60);
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

/** `s-<paper id>-<hash of paper id, provider, model, prompt version>`. */
export function summarizeJobId(key: BriefKey): string {
  return `s-${readable(key.paperId)}-${digest(key.paperId, key.provider, key.model, key.promptVersion)}`;
}

/**
 * `d-<paper id>-<hash of the brief key, the destination and, when given, the brief version>`.
 * With the version (input hash and creation time), a re-briefed paper gets a new deliver job even
 * while the old version's job is still kept.
 */
export function deliverJobId(
  key: BriefKey,
  destination: string,
  version?: { inputHash: string; createdAt: string },
): string {
  const parts = [key.paperId, key.provider, key.model, key.promptVersion, destination];
  if (version) parts.push(version.inputHash, version.createdAt);
  return `d-${readable(key.paperId)}-${digest(...parts)}`;
}
