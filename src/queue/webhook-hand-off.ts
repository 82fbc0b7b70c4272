import type { Brief } from '../briefs/brief.js';
import {
  briefVersionOf,
  createWebhookDelivery,
  endpointsForBrief,
  maxAttempts,
  nextDelayMs,
  recordOutcome,
  sendWebhook,
  type DeliveryLog,
  type DeliverySettings,
  type SendWebhookDeps,
} from '../delivery/index.js';
import { DeliveryError } from '../delivery/delivery-error.js';
import { describeError, PaperbriefError } from '../errors.js';
import type { PaperbriefMetrics } from '../metrics/index.js';
import type { DeliveryHandOff } from './deliver-processor.js';

export interface WebhookHandOffDeps extends Omit<SendWebhookDeps, 'allowPrivate'> {
  /** The deliveries log (src/stores `deliveryLogFor(store)`). Omitted: nothing is recorded. */
  log?: DeliveryLog | undefined;
  /** Counts attempts by outcome (`paperbrief_deliveries_total`). Omitted: nothing counted. */
  metrics?: PaperbriefMetrics | undefined;
}

/**
 * Distributed mode's use of the delivery library (src/delivery/): each endpoint whose tags want
 * a brief gets one deliver job; each attempt is ONE signed send (`sendWebhook`), and its outcome
 * becomes what BullMQ understands: delivered → done; retry → a retryable error, waited out on the
 * webhook schedule (or the endpoint's longer Retry-After); gone (410) and refused → failed with
 * the reason, no retry.
 * With a deliveries `log`, every attempt's outcome is recorded there, a 410 disables the endpoint,
 * and deliveries to a disabled endpoint are skipped (recorded as such, the job completes).
 * Returns undefined when no endpoint is configured (no deliver jobs at all).
 */
export function createWebhookHandOff(
  settings: DeliverySettings,
  handOffDeps: WebhookHandOffDeps = {},
): DeliveryHandOff | undefined {
  if (settings.endpoints.length === 0) return undefined;
  const { log, metrics, ...deps } = handOffDeps;
  const now = deps.now ?? (() => new Date());
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
        throw new DeliveryError(
          'endpoint_unknown',
          `no webhook endpoint "${destination}" is configured any more`,
        );
      }
      const delivery = createWebhookDelivery(brief, endpoint);
      const version = briefVersionOf(brief);
      // Read before sending: a log that cannot be read fails the attempt (retryable StoreError).
      const disabled = await log?.disabledEndpoint(endpoint.id);
      if (log && disabled) {
        await log.record({
          webhookId: delivery.webhookId,
          endpointId: endpoint.id,
          version,
          status: 'skipped',
          attempted: false,
          error: `endpoint disabled since ${disabled.disabledAt} (${disabled.reason})`,
        });
        context.logger.info({ endpoint: endpoint.id }, 'webhook skipped: the endpoint is disabled');
        return 'skipped';
      }
      const outcome = await sendWebhook(delivery, { ...deps, allowPrivate: settings.allowPrivate });
      metrics?.deliveries.inc({ outcome: outcome.kind === 'refused' ? 'failed' : outcome.kind });
      if (log) {
        const lastAttempt = nextDelayMs(context.attemptsMade + 1, schedule) === null;
        const attempt = {
          webhookId: delivery.webhookId,
          endpointId: endpoint.id,
          version,
          outcome,
          lastAttempt,
        };
        // The receiver's answer decides the job, not the log: a write that fails after a send is
        // reported, not retried, or a delivered brief would be sent again.
        await recordOutcome(log, { ...attempt, at: now() }).catch((error: unknown) =>
          context.logger.warn({ reason: describeError(error) }, 'could not record the webhook attempt'),
        );
      }
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
          return 'delivered';
        case 'retry':
          throw new DeliveryError('webhook_failed', `endpoint ${endpoint.id}: ${outcome.reason}`, {
            retryable: true,
            retryAfterMs: outcome.retryAfterMs,
          });
        case 'gone':
          throw new DeliveryError('endpoint_gone', `endpoint ${endpoint.id}: ${outcome.reason}`);
        case 'refused':
          throw new DeliveryError('webhook_refused', `endpoint ${endpoint.id}: ${outcome.reason}`);
      }
    },
  };
}
