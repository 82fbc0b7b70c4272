import type { DeliveryLog, DeliveryRecord, DeliveryStatus } from './delivery-log.js';
import type { DeliveryOutcome } from './delivery-outcome.js';
import type { BriefVersion } from './webhook-event.js';

/**
 * What an attempt's outcome makes of the delivery: a retry is `pending` while the schedule has
 * attempts left and `failed` after the last one.
 */
export function statusOfOutcome(outcome: DeliveryOutcome, lastAttempt: boolean): DeliveryStatus {
  switch (outcome.kind) {
    case 'delivered':
      return 'delivered';
    case 'gone':
      return 'gone';
    case 'refused':
      return 'refused';
    case 'retry':
      return lastAttempt ? 'failed' : 'pending';
  }
}

export interface AttemptToRecord {
  webhookId: string;
  endpointId: string;
  version: BriefVersion;
  outcome: DeliveryOutcome;
  /** True when no attempt is scheduled after this one. */
  lastAttempt: boolean;
  /** When the attempt ended (the time an endpoint is disabled from). */
  at: Date;
}

/**
 * Writes one attempt's outcome to the log; a 410 also disables the endpoint, so later deliveries
 * to it are skipped until `deliveries enable`.
 * @throws StoreError when the log cannot be written.
 */
export async function recordOutcome(log: DeliveryLog, attempt: AttemptToRecord): Promise<DeliveryRecord> {
  const { outcome } = attempt;
  const record = await log.record({
    webhookId: attempt.webhookId,
    endpointId: attempt.endpointId,
    version: attempt.version,
    status: statusOfOutcome(outcome, attempt.lastAttempt),
    attempted: true,
    statusCode: 'status' in outcome ? outcome.status : undefined,
    error: outcome.kind === 'delivered' ? undefined : outcome.reason,
  });
  if (outcome.kind === 'gone') {
    await log.disableEndpoint({
      endpointId: attempt.endpointId,
      disabledAt: attempt.at.toISOString(),
      reason: outcome.reason,
      webhookId: attempt.webhookId,
    });
  }
  return record;
}
