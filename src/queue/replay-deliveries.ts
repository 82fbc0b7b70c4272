import type { JobsOptions, Queue } from 'bullmq';
import {
  UNDELIVERED_STATUSES,
  webhookIdForBrief,
  type DeliveryLog,
  type DeliveryRecord,
} from '../delivery/index.js';
import type { Store } from '../stores/store.js';
import type { DeliverJobData } from './deliver-processor.js';
import { deliverJobId } from './job-ids.js';

export interface ReplayQuery {
  /** Only deliveries that ended without arriving (failed, gone, refused, skipped). @default false */
  failed?: boolean;
  /** Only deliveries first recorded at or after this ISO date-time. */
  since?: string | undefined;
  endpointId?: string | undefined;
}

export interface ReplayDeps {
  log: DeliveryLog;
  /** Where the delivered briefs are read back from (deliveries never re-run the summarizer). */
  store: Pick<Store, 'get'>;
  /** The `deliver` queue. */
  queue: Queue;
  /** Ids of the endpoints configured now; deliveries to others cannot be sent. */
  endpointIds: readonly string[];
  /** Attempts and backoff of the new jobs: the webhook schedule's. */
  jobOptions: JobsOptions;
}

export interface ReplayedDelivery {
  webhookId: string;
  endpointId: string;
  paperId: string;
  /** 1 for the first replay of this delivery, and so on. */
  round: number;
  jobId: string;
}

export interface SkippedReplay {
  webhookId: string;
  endpointId: string;
  paperId: string;
  reason: string;
}

/** The job id of replay `round` of a delivery: the original's id plus `-r<round>`, so it never collides. */
export function replayJobId(record: DeliveryRecord, round: number): string {
  return `${deliverJobId(record, record.endpointId, { inputHash: record.inputHash, createdAt: record.briefCreatedAt })}-r${round}`;
}

/**
 * Re-enqueues deliver jobs for the recorded deliveries matching `query`, oldest first. Each job
 * sends the same brief version to the same endpoint, so it carries the SAME webhook-id and
 * receivers can de-duplicate. A delivery is skipped (with the reason) when its endpoint is no
 * longer configured or is disabled, when it is still pending, or when its brief is gone or was
 * replaced by a newer version (which has a delivery of its own). Two replays of the same round
 * make one job: the round is part of the job id.
 * @throws StoreError, or the Redis error when the queue cannot be reached.
 */
export async function replayDeliveries(
  query: ReplayQuery,
  deps: ReplayDeps,
): Promise<{ replayed: ReplayedDelivery[]; skipped: SkippedReplay[] }> {
  const records = await deps.log.list({
    statuses: query.failed ? UNDELIVERED_STATUSES : undefined,
    since: query.since,
    endpointId: query.endpointId,
    order: 'oldest',
  });
  const disabled = new Map((await deps.log.disabledEndpoints()).map((entry) => [entry.endpointId, entry]));
  const replayed: ReplayedDelivery[] = [];
  const skipped: SkippedReplay[] = [];
  for (const record of records) {
    const { webhookId, endpointId, paperId } = record;
    const reason = await skipReason(record, deps, disabled.has(endpointId));
    if (reason !== undefined) {
      skipped.push({ webhookId, endpointId, paperId, reason });
      continue;
    }
    const round = record.replays + 1;
    const jobId = replayJobId(record, round);
    const data: DeliverJobData = {
      key: {
        paperId,
        provider: record.provider,
        model: record.model,
        promptVersion: record.promptVersion,
      },
      destination: endpointId,
    };
    await deps.queue.add('deliver', data, { ...deps.jobOptions, jobId });
    await deps.log.markReplayed(webhookId, round);
    replayed.push({ webhookId, endpointId, paperId, round, jobId });
  }
  return { replayed, skipped };
}

async function skipReason(
  record: DeliveryRecord,
  deps: ReplayDeps,
  endpointDisabled: boolean,
): Promise<string | undefined> {
  if (!deps.endpointIds.includes(record.endpointId)) return 'the endpoint is no longer configured';
  if (endpointDisabled) {
    return `the endpoint is disabled (enable it: paperbrief deliveries enable --endpoint ${record.endpointId})`;
  }
  if (record.status === 'pending') return 'still pending: a deliver job is scheduled for it';
  const brief = await deps.store.get(record);
  if (!brief) return 'its brief is no longer stored';
  if (webhookIdForBrief(brief, record.endpointId) !== record.webhookId) {
    return 'its brief was replaced by a newer version, which is delivered under its own webhook-id';
  }
  return undefined;
}
