import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { startWorkers } from '../../src/queue/index.js';
import { readPaperValues } from '../../src/sources/index.js';
import { silentLogger, testSettings, waitFor } from '../queue/queue-test-kit.js';
import { startApi } from '../http/api-harness.js';
import { testRedisUrl } from '../support/redis.js';
import { apiCases } from './api-corpus.js';
import { auditStore } from './brief-audit.js';
import { extractivePipeline } from './extractive-deps.js';
import { recordFaultRow, rowPasses } from './fault-report.js';
import { BUNDLED_TAGS, queueSettled } from './queue-outcome.js';

const redisUrl = testRedisUrl();

/**
 * The HTTP API's bad-input corpus: POST /v1/papers on a listening server (the test harness:
 * real Fastify, BullMQ producer, SQLite). Each kind must get the answer its case says, with an
 * error code and message when refused; the server must stay up; the papers it accepts are
 * briefed by an in-process worker and audited.
 */
describe('fault: bad-input corpus through the HTTP API', () => {
  it.skipIf(!redisUrl)(
    'HTTP API: every kind answered as expected, accepted papers briefed by a worker',
    async () => {
      const url = redisUrl as string;
      const startedAt = performance.now();
      const api = await startApi({ redisUrl: url });
      const prefix = String(api.queue.opts.prefix);
      const running = await startWorkers(
        ['summarize'],
        {
          pipeline: extractivePipeline(api.store),
          watch: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
          logger: silentLogger,
        },
        testSettings(url, prefix),
      );
      const cases = apiCases();
      const mismatches: string[] = [];
      const papers = new Map<string, Paper>();
      let recordsIn = 0;
      let refused = 0;
      let withoutReason = 0;
      let merged = 0;
      let enqueued = 0;
      try {
        for (const item of cases) {
          recordsIn += item.records;
          const response =
            item.path === undefined
              ? await api.call('/v1/papers', {
                  method: 'POST',
                  headers: { 'content-type': item.contentType ?? 'application/json', ...item.headers },
                  body: item.body ?? null,
                })
              : await api.call(item.path);
          const body = (await response.json().catch(() => undefined)) as
            | {
                error?: { code?: string; message?: string };
                enqueued?: number;
                known?: number;
                duplicates?: number;
              }
            | undefined;
          if (response.status !== item.status)
            mismatches.push(
              `${item.kind}: HTTP ${response.status} (expected ${item.status}): ${JSON.stringify(body)}`,
            );
          if (response.status >= 400) {
            refused += item.records;
            if (!body?.error?.code || !body.error.message) {
              withoutReason += item.records;
              mismatches.push(`${item.kind}: refused without an error code and message`);
            }
            continue;
          }
          if (item.path !== undefined) continue;
          for (const result of readPaperValues(JSON.parse(String(item.body)), {
            sourceName: 'body',
            source: 'http',
          }))
            if (result.kind === 'paper') papers.set(result.paper.id, result.paper);
          enqueued += body?.enqueued ?? 0;
          const known = body?.known ?? 0;
          // Repeats within the request and papers sent before: each is briefed once.
          merged += (body?.duplicates ?? 0) + known;
          if ((body?.enqueued ?? 0) + known + (body?.duplicates ?? 0) !== item.records)
            mismatches.push(
              `${item.kind}: ${JSON.stringify(body)} does not account for ${item.records} papers`,
            );
        }
        // The server is still up and sane after all of it.
        const health = await api.call('/healthz');
        const crashes = health.status === 200 ? 0 : 1;
        await waitFor('the accepted papers to be briefed', () => queueSettled(api.queue, enqueued), 30_000);
        const audit = await auditStore(api.store, papers, BUNDLED_TAGS);
        const failedJobs = await api.queue.getFailed();
        const row = recordFaultRow({
          scenario: `bad input: HTTP API (${cases.length} kinds)`,
          papersIn: recordsIn,
          briefsStored: audit.stored,
          duplicates: audit.duplicates,
          failedWithReason: refused - withoutReason + failedJobs.filter((job) => job.failedReason).length,
          failedWithoutReason: withoutReason + failedJobs.filter((job) => !job.failedReason).length,
          mergedInputDuplicates: merged,
          invalidBriefs: audit.problems.length,
          mismatches,
          crashes,
          lost: recordsIn - audit.stored - refused - merged - failedJobs.length,
          notes: `POST /v1/papers and GET /v1/briefs on a listening server, briefs by an in-process worker; ${mismatches.length} cases answered otherwise than expected`,
          durationMs: performance.now() - startedAt,
        });
        expect(mismatches).toEqual([]);
        expect(audit.problems).toEqual([]);
        expect(rowPasses(row)).toBe(true);
      } finally {
        await running.close();
        await api.close();
      }
    },
  );
});
