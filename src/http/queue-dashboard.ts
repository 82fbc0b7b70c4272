import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

/** Where the dashboard lives. */
export const DASHBOARD_PATH = '/admin/queues';

/**
 * Registers the bull-board dashboard for `queues` at /admin/queues in `scope`. The caller puts
 * the token check on `scope` first: bull-board has no authentication of its own.
 */
export async function registerQueueDashboard(
  scope: FastifyInstance,
  queues: readonly Queue[],
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'paperbrief' } },
  });
  await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
