import type { JobsOptions, Queue } from 'bullmq';
import { briefKeyOf, type Brief } from '../briefs/brief.js';
import { briefVersionOf } from '../delivery/index.js';
import type { PipelineResult } from '../pipeline.js';
import type { DeliverJobData } from './deliver-processor.js';
import { deliverJobId } from './job-ids.js';

/** Where stored briefs go next in distributed mode: the `deliver` queue and who wants each brief. */
export interface DeliveryQueue {
  queue: Queue;
  /** Endpoint ids that want this brief (DeliveryHandOff.destinationsFor). */
  destinationsFor: (brief: Brief) => readonly string[];
  /** `jobOptions({ attempts })` of the webhook retry schedule. */
  jobOptions: JobsOptions;
}

/**
 * Hands a stored brief to the `deliver` queue: one job per destination that wants it, under a
 * deterministic id (brief key, destination, brief version), so adding it twice adds one job and
 * a re-briefed paper is delivered again under its new webhook-id. The summarize worker and
 * `batch collect` both call it. Call it also after a cached result: the run that stored the
 * brief may have died before queueing. Returns the deliver jobs asked for (0 for an alias of a
 * paper delivered when it was first briefed, or without deliveries).
 */
export async function queueDeliveries(
  result: Pick<PipelineResult, 'brief' | 'knownAs'>,
  deliveries: DeliveryQueue | undefined,
): Promise<number> {
  if (result.knownAs !== undefined) return 0;
  const destinations = deliveries?.destinationsFor(result.brief) ?? [];
  if (!deliveries || destinations.length === 0) return 0;
  const key = briefKeyOf(result.brief);
  const version = briefVersionOf(result.brief);
  await deliveries.queue.addBulk(
    destinations.map((destination) => ({
      name: 'deliver',
      data: { key, destination } satisfies DeliverJobData,
      opts: { ...deliveries.jobOptions, jobId: deliverJobId(key, destination, version) },
    })),
  );
  return destinations.length;
}
