import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/briefs/taxonomy.js';
import { describeError, PaperbriefError } from '../../src/errors.js';
import type { Paper } from '../../src/papers/paper.js';
import { summarizePaper, type PipelineDeps } from '../../src/pipeline.js';
import { startWorkers } from '../../src/queue/index.js';
import { readInput, readPaperValues } from '../../src/sources/index.js';
import { createExtractiveSummarizer } from '../../src/summarizers/extractive/index.js';
import { silentLogger, temporaryStore, testSettings, waitFor } from '../queue/queue-test-kit.js';
import { startApi } from '../http/api-harness.js';
import { testRedisUrl } from '../support/redis.js';
import { apiCases } from './bad-api-corpus.js';
import { readerCases } from './bad-input-corpus.js';
import { auditStore } from './brief-audit.js';
import { recordFaultRow, rowPasses } from './fault-report.js';
import { BUNDLED_TAGS, queueSettled } from './queue-outcome.js';

const redisUrl = testRedisUrl();

function pipelineDeps(store: PipelineDeps['store']): PipelineDeps {
  return {
    summarizer: createExtractiveSummarizer(),
    store,
    taxonomy: loadTaxonomy(),
    allowedTags: BUNDLED_TAGS,
    logger: silentLogger,
  };
}

/**
 * The bad-input corpus through every reader (auto-detected, as the CLI reads a file) and the
 * HTTP API: each kind must be read as the case says (papers out, record errors with reasons, or
 * the whole input refused with a reason), never crash, and every paper that gets in must come
 * out as a valid, grounded brief (offline extractive summarizer, the real pipeline and store).
 */
describe('fault: bad-input corpus', () => {
  it('readers: every kind read as expected, every paper briefed, every refusal with a reason', async () => {
    const startedAt = performance.now();
    const handle = temporaryStore();
    const deps = pipelineDeps(handle.store);
    const papers = new Map<string, Paper>();
    const mismatches: string[] = [];
    const notBriefed: string[] = [];
    const cases = readerCases();
    let recordsIn = 0;
    let failed = 0;
    let withoutReason = 0;
    let merged = 0;
    let crashes = 0;
    try {
      for (const item of cases) {
        recordsIn += item.records;
        let out = 0;
        let errors = 0;
        let duplicates = 0;
        let refused: string | undefined;
        let unbriefable = 0;
        try {
          for (const result of readInput(item.content, { sourceName: item.kind }).records) {
            if (result.kind === 'duplicate') duplicates += 1;
            else if (result.kind === 'error') {
              errors += 1;
              if (result.error.message.trim() === '') withoutReason += 1;
            } else {
              out += 1;
              papers.set(result.paper.id, result.paper);
              try {
                await summarizePaper(result.paper, deps);
              } catch (error) {
                // A paper that got in but cannot be briefed: a failure, with its reason.
                failed += 1;
                unbriefable += 1;
                if (describeError(error).trim() === '') withoutReason += 1;
                notBriefed.push(`${item.kind}: ${describeError(error)}`);
              }
            }
          }
        } catch (error) {
          if (error instanceof PaperbriefError && error.message.trim() !== '') refused = error.message;
          else {
            crashes += 1;
            mismatches.push(`${item.kind}: crashed with ${String(error)}`);
          }
        }
        if (refused !== undefined) {
          failed += item.records;
          if (!item.refused) mismatches.push(`${item.kind}: refused as a whole: ${refused}`);
          else if (!item.refused.test(refused)) mismatches.push(`${item.kind}: refused with "${refused}"`);
          continue;
        }
        failed += errors;
        merged += duplicates;
        if (unbriefable !== (item.unbriefable ?? 0))
          mismatches.push(`${item.kind}: ${unbriefable} papers not briefed: ${notBriefed.join('; ')}`);
        if (item.refused)
          mismatches.push(`${item.kind}: expected a refusal, got ${out} papers, ${errors} errors`);
        if (
          out !== item.papers ||
          duplicates !== (item.duplicates ?? 0) ||
          out + errors + duplicates !== item.records
        )
          mismatches.push(
            `${item.kind}: expected ${item.papers} papers + ${item.duplicates ?? 0} duplicates of ${item.records}, ` +
              `got ${out} papers, ${errors} errors, ${duplicates} duplicates`,
          );
      }
      const audit = await auditStore(handle.store, papers, BUNDLED_TAGS);
      const row = recordFaultRow({
        scenario: `bad input: readers (${cases.length} kinds)`,
        papersIn: recordsIn,
        briefsStored: audit.stored,
        duplicates: audit.duplicates,
        failedWithReason: failed - withoutReason,
        failedWithoutReason: withoutReason,
        mergedInputDuplicates: merged,
        invalidBriefs: audit.problems.length,
        crashes,
        lost: recordsIn - audit.stored - failed - merged,
        notes:
          `jsonl, json, hf-api, hf-page and arXiv Atom inputs through auto-detection; ` +
          `${notBriefed.length} paper read but failed in the pipeline (${notBriefed.join('; ')}); ` +
          `${mismatches.length} cases read otherwise than expected`,
        durationMs: performance.now() - startedAt,
      });
      expect(mismatches).toEqual([]);
      expect(audit.problems).toEqual([]);
      expect(cases.length).toBeGreaterThanOrEqual(30);
      expect(rowPasses(row)).toBe(true);
    } finally {
      await handle.dispose();
    }
  });

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
          pipeline: pipelineDeps(api.store),
          poll: { fetch, endpoints: { 'hf-daily': '', arxiv: '' } },
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
          const response = await api.call('/v1/papers', {
            method: 'POST',
            headers: { 'content-type': item.contentType ?? 'application/json', ...item.headers },
            body: item.body,
          });
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
            if (!body?.error?.code || !body.error.message) withoutReason += item.records;
            continue;
          }
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
          crashes,
          lost: recordsIn - audit.stored - refused - merged - failedJobs.length,
          notes: `POST /v1/papers on a listening server, briefs by an in-process worker; ${mismatches.length} cases answered otherwise than expected`,
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
