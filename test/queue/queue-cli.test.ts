import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countJobs, jobOptions } from '../../src/queue/index.js';
import { testRedisUrl } from '../support/redis.js';
import { makePapers, pipelineDeps, scriptedSummarizer, queueTestbed, waitFor } from './queue-test-kit.js';
import { runCli, workFolder } from './worker-process-kit.js';

const redisUrl = testRedisUrl();

/** `enqueue`, `watch` and `jobs` as a user runs them (from source, through tsx). */
describe.skipIf(!redisUrl)('queue commands of the CLI (real Redis)', () => {
  const bed = queueTestbed(redisUrl as string, 'cli');
  let work: ReturnType<typeof workFolder>;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    work = workFolder(makePapers(3));
    env = {
      REDIS_URL: bed.url,
      PAPERBRIEF_QUEUE_PREFIX: bed.prefix,
      PAPERBRIEF_DB: bed.storePath,
      DATABASE_URL: '',
      PAPERBRIEF_PROVIDER: 'extractive',
      LOG_LEVEL: 'warn',
    };
  });
  afterEach(() => work.dispose());

  it('enqueue: reports bad records by record and field, still enqueues the good papers, exits 1', async () => {
    const file = join(work.folder, 'mixed.jsonl');
    const [first, second] = makePapers(2);
    writeFileSync(
      file,
      [JSON.stringify(first), '{"abstract":"no title here"}', JSON.stringify(second)].join('\n'),
    );
    const result = await runCli(['enqueue', file], env);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/mixed\.jsonl line 2.*title/);
    expect(result.output).toContain('enqueued 2, already known 0');
    expect((await countJobs(bed.open.queues.summarize)).waiting).toBe(2);
  }, 30_000);

  it('enqueue without REDIS_URL says what is missing and exits 2', async () => {
    const result = await runCli(['enqueue', work.papersFile], { ...env, REDIS_URL: '' });
    expect(result.code).toBe(2);
    expect(result.output).toContain('distributed mode needs Redis: set REDIS_URL');
  }, 30_000);

  it('watch: registers a schedule, lists it, refuses --query for hf-daily, and removes it', async () => {
    const added = await runCli(['watch', '--source', 'arxiv', '--query', 'cat:cs.CL', '--every', '6h'], env);
    expect(added.code).toBe(0);
    const id = /as (watch-arxiv-\w+)/.exec(added.output)?.[1] as string;
    expect(id).toBeDefined();
    const schedulers = await bed.open.queues.poll.getJobSchedulers();
    expect(schedulers).toMatchObject([{ key: id, every: 21_600_000 }]);

    const listed = await runCli(['watch', '--list'], env);
    expect(listed.output).toContain(id);
    expect(listed.output).toContain('"query":"cat:cs.CL"');

    const refused = await runCli(['watch', '--source', 'hf-daily', '--query', 'x'], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('--query and --max-results apply to --source arxiv only');

    expect((await runCli(['watch', '--remove', id], env)).output).toContain(`removed ${id}`);
    expect(await bed.open.queues.poll.getJobSchedulers()).toEqual([]);
  }, 60_000);

  it('jobs: status counts per queue and state; retry moves failed jobs back', async () => {
    // Two jobs that fail for good: their data is not a paper.
    await bed.open.queues.summarize.add('summarize', { nope: 1 }, { jobId: 'bad-1', ...jobOptions() });
    await bed.open.queues.summarize.add('summarize', { nope: 2 }, { jobId: 'bad-2', ...jobOptions() });
    await bed.startWorkers(['summarize'], { pipeline: pipelineDeps(scriptedSummarizer(), bed.store) });
    await waitFor('2 failed jobs', async () => (await countJobs(bed.open.queues.summarize)).failed === 2);
    await bed.stopWorkers();

    const status = await runCli(['jobs', 'status', '--json'], env);
    expect(JSON.parse(status.output)).toMatchObject({
      summarize: { failed: 2, waiting: 0 },
      deliver: { failed: 0 },
    });

    const one = await runCli(['jobs', 'retry', 'bad-1', 'missing-id'], env);
    expect(one.code).toBe(1);
    expect(one.output).toContain('summarize: retrying bad-1');
    expect(one.output).toContain('not a failed job: missing-id');
    const all = await runCli(['jobs', 'retry', '--all', '--queue', 'summarize'], env);
    expect(all.output).toContain('summarize: 1 failed job(s) moved back to waiting');
    expect(await countJobs(bed.open.queues.summarize)).toMatchObject({ waiting: 2, failed: 0 });
  }, 60_000);
});
