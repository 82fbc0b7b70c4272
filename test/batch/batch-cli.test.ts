import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema, type Brief } from '../../src/briefs/brief.js';
import { batchPrice, costUsd, DEFAULT_PRICES, priceFor } from '../../src/cost/price-table.js';
import { loadTokenCounter, type TokenCounter } from '../../src/cost/token-counter.js';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from '../cli/cli-harness.js';
import { startFakeLlmServer, type FakeCall, type FakeLlmServer } from '../support/fake-llm-server.js';
import {
  DEV_PAGE,
  HAS_DEV_PAGE,
  devPagePapers,
  ungroundedValues,
} from '../summarizers/openai/openai-test-kit.js';

let counter: TokenCounter;
beforeAll(async () => {
  ensureCliBuilt();
  counter = await loadTokenCounter('gpt-4o-mini');
});

/**
 * The fake server's usage, counted independently of paperbrief's estimate: the whole messages
 * array and the format fields as serialised JSON (keys, quotes and all), and the answer's text.
 */
const countedUsage = (call: Omit<FakeCall, 'behaviour'>, answer: string) => ({
  prompt_tokens:
    counter.count(JSON.stringify(call.body.messages ?? [])) +
    counter.count(JSON.stringify(call.body.response_format ?? call.body.tools ?? '')),
  completion_tokens: counter.count(answer),
  cached_tokens: 0,
});

let server: FakeLlmServer;
let folder: { path: string; remove: () => void };
let database: string;
const repairTitles = new Set<string>();
beforeEach(async () => {
  server = await startFakeLlmServer({
    usage: countedUsage,
    // Batch lines of the papers in repairTitles answer with made-up values; everything else is valid.
    script: (call) =>
      call.headers['x-fake-batch'] !== undefined && repairTitles.has(call.paper?.title ?? '')
        ? 'ungrounded'
        : 'valid',
  });
  folder = tempFolder('batch-cli');
  database = join(folder.path, 'briefs.db');
});
afterEach(async () => {
  await server.close();
  folder.remove();
  repairTitles.clear();
});

const cli = (...args: string[]) =>
  runCli([...args, '--provider', 'openai', '--db', database], { env: { OPENAI_BASE_URL: server.baseUrl } });

/** `papers to brief N, …`, `estimated tokens I in + O out` of a cost preview. */
function estimateIn(stderr: string) {
  const tokens = /estimated tokens (\d+) in \+ (\d+) out/.exec(stderr);
  const cost = /estimated cost \$([\d.]+) synchronously, \$([\d.]+) as a batch/.exec(stderr);
  return {
    toBrief: Number(/papers to brief (\d+)/.exec(stderr)?.[1]),
    promptTokens: Number(tokens?.[1]),
    completionTokens: Number(tokens?.[2]),
    syncCost: Number(cost?.[1]),
    batchCost: Number(cost?.[2]),
  };
}

describe.skipIf(!HAS_DEV_PAGE)(
  'paperbrief batch over the dev page (../shared/data), through the fake Batch API',
  { timeout: 240_000 },
  () => {
    it('dry run (no LLM call) → submit → collect: every paper briefed once, grounded, at half price, one sync call per repair', async () => {
      const papers = devPagePapers();
      for (const paper of papers.slice(0, 6)) repairTitles.add(paper.title);

      const preview = await cli('summarize', DEV_PAGE, '--dry-run');
      expect(preview.code).toBe(0);
      expect(server.calls).toHaveLength(0);
      const estimate = estimateIn(preview.stderr);
      expect(estimate.toBrief).toBe(62);
      expect(estimate.batchCost).toBeCloseTo(estimate.syncCost / 2, 3);
      const batchPreview = await cli('batch', 'submit', DEV_PAGE, '--dry-run');
      expect(estimateIn(batchPreview.stderr)).toEqual(estimate);
      expect(server.calls).toHaveLength(0);
      expect(server.batch.files.size).toBe(0);

      const submitted = await cli('batch', 'submit', DEV_PAGE);
      expect(submitted.code).toBe(0);
      const [providerId, ourId, requests] = submitted.stdout.trim().split('\t');
      expect(requests).toBe('62 requests');
      expect((await cli('batch', 'list')).stdout).toContain(`${providerId}\t${ourId}\tvalidating`);
      await server.batch.process(providerId!);
      expect((await cli('batch', 'status', ourId!)).stdout).toMatch(/\tcompleted\t62\t0\t0\t62\t/);

      const collected = await cli('batch', 'collect');
      expect(collected.stderr).toContain(
        `${providerId} (completed): briefed 62, cached 0, failed 0, repaired 6 (6 synchronous calls)`,
      );
      expect(collected.code).toBe(0);
      expect(server.calls.filter((call) => call.headers['x-fake-batch'] === undefined)).toHaveLength(6);
      // Twice is harmless.
      expect((await cli('batch', 'collect', ourId!)).stderr).toContain('briefed 0, cached 0, failed 0');

      const exported = await runCli(['export', '--db', database]);
      const briefs = jsonLines(exported.stdout).map((line) => BriefSchema.parse(line) as Brief);
      expect(briefs).toHaveLength(62);
      expect(new Set(briefs.map((brief) => brief.paper.id)).size).toBe(62);
      const price = priceFor(DEFAULT_PRICES, 'gpt-4o-mini');
      let promptTokens = 0;
      let completionTokens = 0;
      for (const brief of briefs) {
        const paper = papers.find((candidate) => candidate.id === brief.paper.id)!;
        expect(ungroundedValues(brief, paper)).toEqual([]);
        expect(brief.provenance.batch_id).toBe(providerId);
        if (brief.provenance.attempts === 1) {
          const { cost_usd, ...usage } = brief.provenance.usage;
          expect(cost_usd).toBeCloseTo(costUsd(usage, batchPrice(price)), 12);
          promptTokens += usage.prompt_tokens;
          completionTokens += usage.completion_tokens;
        }
      }
      // The preview against what the run used (first answers only: the preview leaves repairs out).
      const firstAnswers = briefs.filter((brief) => brief.provenance.attempts === 1).length;
      const scale = firstAnswers / 62;
      const inputError = Math.abs(estimate.promptTokens * scale - promptTokens) / promptTokens;
      const outputError = Math.abs(estimate.completionTokens * scale - completionTokens) / completionTokens;
      const totalError =
        Math.abs(
          (estimate.promptTokens + estimate.completionTokens) * scale - (promptTokens + completionTokens),
        ) /
        (promptTokens + completionTokens);
      console.log(
        `dry-run estimate vs used: input ${(inputError * 100).toFixed(1)}%, output ${(outputError * 100).toFixed(1)}%, total ${(totalError * 100).toFixed(1)}%`,
      );
      expect(totalError).toBeLessThan(0.1);
      expect(inputError).toBeLessThan(0.1);
      expect(outputError).toBeLessThan(0.25);
    });

    it('--batch-file-out writes the requests without uploading; collect --from-file ingests a run-batch output', async () => {
      const requests = join(folder.path, 'requests.jsonl');
      const submitted = await cli(
        'batch',
        'submit',
        DEV_PAGE,
        '--batch-file-out',
        requests,
        '--max-requests-per-file',
        '40',
      );
      expect(submitted.code).toBe(0);
      expect(server.batch.files.size).toBe(0);
      const written = [requests, join(folder.path, 'requests-2.jsonl')].map((path) =>
        readFileSync(path, 'utf8')
          .trim()
          .split('\n')
          .map(
            (line) =>
              JSON.parse(line) as { custom_id: string; body: OpenAI.ChatCompletionCreateParamsNonStreaming },
          ),
      );
      expect(written.map((lines) => lines.length)).toEqual([40, 22]);

      // What vLLM's run-batch does with the file: one chat call per line, one output line each.
      const client = new OpenAI({ apiKey: 'none', baseURL: server.baseUrl, maxRetries: 0 });
      const output: string[] = [];
      for (const line of written[0]!) {
        const { data, request_id } = await client.chat.completions.create(line.body).withResponse();
        output.push(
          JSON.stringify({
            id: `vllm-${output.length}`,
            custom_id: line.custom_id,
            response: { status_code: 200, request_id, body: data },
            error: null,
          }),
        );
      }
      const results = join(folder.path, 'results.jsonl');
      writeFileSync(results, `${output.join('\n')}\n`);
      const collected = await cli('batch', 'collect', '--from-file', results);
      expect(collected.stderr).toContain('briefed 40, cached 0, failed 0');
      expect(collected.code).toBe(0);
      const listed = (await cli('batch', 'list')).stdout;
      expect(listed).toMatch(/completed \(collected\)\t40\t40\t0\t0/);
      expect(listed).toMatch(/written\t22\t0\t0\t22/);
      // The 22 unanswered wait in their written batch: a new submit does not send them twice.
      expect(estimateIn((await cli('batch', 'submit', DEV_PAGE, '--dry-run')).stderr).toBrief).toBe(0);
    });
  },
);
