import type { Brief } from '../briefs/brief.js';
import {
  createWebhookDelivery,
  endpointsForBrief,
  maxAttempts,
  nextDelayMs,
  sendWebhook,
  type DeliverySettings,
  type SendWebhookDeps,
} from '../delivery/index.js';
import { PaperbriefError } from '../errors.js';
import type { DeliveryHandOff } from './deliver-processor.js';

/**
 * Distributed mode's use of the delivery library (src/delivery/): each endpoint whose tags want
 * a brief gets one deliver job; each attempt is ONE signed send (`sendWebhook`), and its outcome
 * becomes what BullMQ understands: delivered → done; retry → a retryable error, waited out on the
 * webhook schedule (or the endpoint's longer Retry-After); gone (410) and refused → failed with
 * the reason, no retry.
 * Returns undefined when no endpoint is configured (no deliver jobs at all).
 */
export function createWebhookHandOff(
  settings: DeliverySettings,
  deps: Omit<SendWebhookDeps, 'allowPrivate'> = {},
): DeliveryHandOff | undefined {
  if (settings.endpoints.length === 0) return undefined;
  const schedule = settings.retryScheduleMs;
  return {
    destinationsFor: (brief: Brief) =>
      endpointsForBrief(settings.endpoints, brief).map((endpoint) => endpoint.id),
    attempts: maxAttempts(schedule),
    retryDelayMs(attemptsMade, error) {
      const scheduled = nextDelayMs(attemptsMade, schedule);
      if (scheduled === null) return -1;
      const asked = error instanceof PaperbriefError ? (error.retryAfterMs ?? 0) : 0;
      return Math.max(scheduled, asked);
    },
    async deliver(brief, destination, context) {
      const endpoint = settings.endpoints.find((candidate) => candidate.id === destination);
      if (!endpoint) {
        throw new PaperbriefError(
          'endpoint_unknown',
          `no webhook endpoint "${destination}" is configured any more`,
        );
      }
      const outcome = await sendWebhook(createWebhookDelivery(brief, endpoint), {
        ...deps,
        allowPrivate: settings.allowPrivate,
      });
      context.logger.info(
        {
          endpoint: endpoint.id,
          outcome: outcome.kind,
          reason: outcome.reason,
          durationMs: outcome.durationMs,
        },
        'webhook attempt',
      );
      switch (outcome.kind) {
        case 'delivered':
          return;
        case 'retry':
          throw new PaperbriefError('webhook_failed', `endpoint ${endpoint.id}: ${outcome.reason}`, {
            retryable: true,
            retryAfterMs: outcome.retryAfterMs,
          });
        case 'gone':
          throw new PaperbriefError('endpoint_gone', `endpoint ${endpoint.id}: ${outcome.reason}`);
        case 'refused':
          throw new PaperbriefError('webhook_refused', `endpoint ${endpoint.id}: ${outcome.reason}`);
      }
    },
  };
}
