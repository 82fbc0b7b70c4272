import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countJobs, jobOptions, openQueues, startWorkers, type OpenQueues } from '../../src/queue/index.js';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '../support/redis.js';
import {
  makePapers,
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  temporaryStore,
  testSettings,
  waitFor,
} from './queue-test-kit.js';
import { runCli, workFolder } from './worker-process-kit.js';

const redisUrl = testRedisUrl();

/** `enqueue`, `watch` and `jobs` as a user runs them (from source, through tsx). */
describe.skipIf(!redisUrl)('queue commands of the CLI (real Redis)', () => {
  const url = redisUrl as string;
  let prefix: string;
  let work: ReturnType<typeof workFolder>;
  let open: OpenQueues;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    prefix = uniquePrefix('cli');
    work = workFolder(makePapers(3));
    open = await openQueues({ redisUrl: url, prefix });
    env = {
      REDIS_URL: url,
      PAPERBRIEF_QUEUE_PREFIX: prefix,
      PAPERBRIEF_DB: work.dbFile,
      DATABASE_URL: '',
      PAPERBRIEF_PROVIDER: 'extractive',
      LOG_LEVEL: 'warn',
    };
  });

  afterEach(async () => {
    await open.close();
    work.dispose();
    await deleteKeysWithPrefix(url, prefix);
  });

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
    expect((await countJobs(open.queues.summarize)).waiting).toBe(2);
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
    const schedulers = await open.queues.poll.getJobSchedulers();
    expect(schedulers).toMatchObject([{ key: id, every: 21_600_000 }]);

    const listed = await runCli(['watch', '--list'], env);
    expect(listed.output).toContain(id);
    expect(listed.output).toContain('"query":"cat:cs.CL"');

    const refused = await runCli(['watch', '--source', 'hf-daily', '--query', 'x'], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('--query and --max-results apply to --source arxiv only');

    expect((await runCli(['watch', '--remove', id], env)).output).toContain(`removed ${id}`);
    expect(await open.queues.poll.getJobSchedulers()).toEqual([]);
  }, 60_000);

  it('jobs: status counts per queue and state; retry moves failed jobs back', async () => {
    // Two jobs that fail for good: their data is not a paper.
    await open.queues.summarize.add('summarize', { nope: 1 }, { jobId: 'bad-1', ...jobOptions() });
    await open.queues.summarize.add('summarize', { nope: 2 }, { jobId: 'bad-2', ...jobOptions() });
    const storeHandle = temporaryStore();
    const running = await startWorkers(
      ['summarize'],
      {
        pipeline: pipelineDeps(scriptedSummarizer(), storeHandle.store),
        poll: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
        logger: silentLogger,
      },
      testSettings(url, prefix),
    );
    try {
      await waitFor('2 failed jobs', async () => (await countJobs(open.queues.summarize)).failed === 2);
    } finally {
      await running.close();
      await storeHandle.dispose();
    }

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
    expect(await countJobs(open.queues.summarize)).toMatchObject({ waiting: 2, failed: 0 });
  }, 60_000);
});
