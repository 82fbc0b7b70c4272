import { BriefSchema } from '../../src/briefs/brief.js';
import { BriefCreatedEventSchema } from '../../src/delivery/webhook-event.js';
import type { Paper } from '../../src/papers/paper.js';
import type { WebhookReceiver } from '../support/webhook-receiver.js';
import { groundingProblems } from './brief-audit.js';

/** A seeded coin (mulberry32), so a run's 500s can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The briefs that reached the receiver with a 2xx answer, each checked (event schema, brief
 * schema, grounding against its paper). The receiver answers its script in arrival order, so a
 * request's answer is the status scripted at its position (204 past the script).
 */
export function deliveredBriefs(
  receiver: WebhookReceiver,
  statuses: readonly number[],
  papers: ReadonlyMap<string, Paper>,
  allowedTags: ReadonlySet<string>,
) {
  const ids = new Set<string>();
  const problems: string[] = [];
  const answeredOk = new Map<string, number>();
  receiver.requests.forEach((request, index) => {
    const status = statuses[index] ?? 204;
    const event = BriefCreatedEventSchema.safeParse(JSON.parse(request.rawBody));
    if (!event.success) return void problems.push(`request ${index}: not a brief.created event`);
    const brief = BriefSchema.safeParse(event.data.data);
    if (!brief.success) return void problems.push(`request ${index}: the brief fails BriefSchema`);
    const paper = papers.get(brief.data.paper.id);
    if (!paper) return void problems.push(`request ${index}: a brief for a paper never sent`);
    problems.push(...groundingProblems(brief.data, paper, allowedTags));
    if (status >= 200 && status < 300) {
      ids.add(paper.id);
      const webhookId = request.headers['webhook-id'] ?? '';
      answeredOk.set(webhookId, (answeredOk.get(webhookId) ?? 0) + 1);
    }
  });
  const resentAfterSuccess = [...answeredOk.values()].reduce((sum, count) => sum + count - 1, 0);
  return { ids, problems, resentAfterSuccess };
}
