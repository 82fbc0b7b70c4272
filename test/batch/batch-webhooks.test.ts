import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { briefKeyOf, BriefSchema, type Brief } from '../../src/briefs/brief.js';
import { startConfiguredWorkers } from '../../src/compose/worker.js';
import { loadConfig } from '../../src/config.js';
import { briefVersionOf } from '../../src/delivery/index.js';
import { deliverJobId } from '../../src/queue/job-ids.js';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from '../cli/cli-harness.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { silentLogger } from '../summarizers/openai/openai-test-kit.js';
import { backlogPapers } from './batch-test-kit.js';

const redisUrl = testRedisUrl();
const PAPERS = 7;

beforeAll(() => ensureCliBuilt());

let server: FakeLlmServer;
let folder: { path: string; remove: () => void };
let database: string;
let backlog: string;
beforeEach(async () => {
  server = await startFakeLlmServer();
  folder = tempFolder('batch-webhooks');
  database = join(folder.path, 'briefs.db');
  backlog = join(folder.path, 'backlog.jsonl');
  writeFileSync(
    backlog,
    backlogPapers(PAPERS, 'Hook')
      .map((paper) => JSON.stringify(paper))
      .join('\n'),
  );
});
afterEach(async () => {
  await server.close();
  folder.remove();
});

/** One webhook endpoint (nothing listens there: no worker runs, the jobs are only queued). */
const webhookEnv = {
  PAPERBRIEF_WEBHOOK_URL: 'http://127.0.0.1:9/paperbrief',
  PAPERBRIEF_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
  PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE: '1',
};
const openai = (env: Record<string, string>) => ({ OPENAI_BASE_URL: server.baseUrl, ...env });
const cli = (env: Record<string, string>, ...args: string[]) => runCli([...args, '--db', database], { env });

/** Submits the backlog and lets the fake Batch API answer it; returns the provider's batch id. */
async function submittedAndAnswered(): Promise<string> {
  const submitted = await cli(openai({}), 'batch', 'submit', backlog, '--provider', 'openai');
  expect(submitted.code).toBe(0);
  const providerId = submitted.stdout.trim().split('\t')[0]!;
  await server.batch.process(providerId);
  return providerId;
}

async function exportedBriefs(): Promise<Brief[]> {
  const exported = await runCli(['export', '--db', database]);
  return jsonLines(exported.stdout).map((line) => BriefSchema.parse(line) as Brief);
}

describe.skipIf(!redisUrl)(
  'batch collect in distributed mode queues the webhooks of its briefs',
  { timeout: 120_000 },
  () => {
    let prefix: string;
    let deliver: Queue;
    let receiver: WebhookReceiver;
    beforeEach(async () => {
      prefix = uniquePrefix('batch-hooks');
      deliver = new Queue('deliver', { connection: { url: redisUrl! }, prefix });
      receiver = await startWebhookReceiver();
    });
    afterEach(async () => {
      await receiver.close();
      await deliver.close();
      await deleteKeysWithPrefix(redisUrl!, prefix);
    });

    it('one deliver job per stored brief, under the deterministic id; a second collect queues nothing more; a worker sends them', async () => {
      const providerId = await submittedAndAnswered();
      const env = openai({
        ...webhookEnv,
        PAPERBRIEF_WEBHOOK_URL: receiver.url,
        REDIS_URL: redisUrl!,
        PAPERBRIEF_QUEUE_PREFIX: prefix,
      });

      const first = await cli(env, 'batch', 'collect', '--provider', 'openai');
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`${providerId} (completed): briefed ${PAPERS}, cached 0, failed 0`);
      expect(first.stderr).toContain(`webhooks queued ${PAPERS}`);

      const briefs = await exportedBriefs();
      expect(briefs).toHaveLength(PAPERS);
      const expectedIds = briefs
        .map((brief) => deliverJobId(briefKeyOf(brief), 'default', briefVersionOf(brief)))
        .sort();
      const jobs = await deliver.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      expect(jobs.map((job) => job.id).sort()).toEqual(expectedIds);

      const again = await cli(env, 'batch', 'collect', providerId, '--provider', 'openai');
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('briefed 0, cached 0, failed 0');
      expect(await deliver.getJobCountByTypes('waiting', 'delayed', 'active', 'completed', 'failed')).toBe(
        PAPERS,
      );

      // A worker on the same store sends them: one signed request per brief, each webhook-id once.
      const workers = await startConfiguredWorkers(
        ['deliver'],
        loadConfig({ ...env, PAPERBRIEF_DB: database }),
        silentLogger,
      );
      try {
        const received = await receiver.waitForRequests(PAPERS, 20_000);
        expect(new Set(received.map((request) => request.headers['webhook-id'])).size).toBe(PAPERS);
        const paperIds = received.map(
          (request) => (JSON.parse(request.rawBody) as { data: Brief }).data.paper.id,
        );
        expect(new Set(paperIds)).toEqual(new Set(briefs.map((brief) => brief.paper.id)));
      } finally {
        await workers.close();
      }
      expect(receiver.requests).toHaveLength(PAPERS);
    });
  },
);

describe('batch commands without distributed mode or a provider', { timeout: 120_000 }, () => {
  it('collect without Redis stores the briefs and says webhooks need distributed mode', async () => {
    await submittedAndAnswered();
    const collected = await cli(openai(webhookEnv), 'batch', 'collect', '--provider', 'openai');
    expect(collected.code).toBe(0);
    expect(collected.stderr).toContain(`briefed ${PAPERS}`);
    expect(collected.stderr).not.toContain('webhooks queued');
    expect(collected.stderr).toContain('collect queues them in distributed mode only');
    expect(await exportedBriefs()).toHaveLength(PAPERS);
  });

  it('list and status read the store without the openai provider or a key', async () => {
    const providerId = await submittedAndAnswered();
    // No OPENAI_* variable, no --provider: the extractive provider is the one configured.
    const listed = await cli({}, 'batch', 'list');
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${providerId}\t`);
    expect(listed.stdout).toContain('\tvalidating\t');

    const status = await cli({}, 'batch', 'status', providerId);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${providerId}\t`);
    expect(status.stderr).toContain('as stored');
    // With the provider configured, status asks it: the answered batch is completed.
    const asked = await cli(openai({}), 'batch', 'status', providerId, '--provider', 'openai');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('\tcompleted\t');

    const submitWithout = await cli({}, 'batch', 'submit', backlog);
    expect(submitWithout.code).not.toBe(0);
    expect(submitWithout.stderr).toContain('need the openai provider');
  });
});
