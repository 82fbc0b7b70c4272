import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BriefSchema, type Brief } from '../../../src/briefs/brief.js';
import type { Paper } from '../../../src/papers/paper.js';
import { readFileSync } from 'node:fs';
import { ensureCliBuilt, jsonLines, runCli, tempFolder } from '../../cli/cli-harness.js';
import { startFakeLlmServer, type FakeLlmServer } from '../../support/fake-llm-server.js';
import { DEV_PAGE, HAS_DEV_PAGE, devPagePapers, ungroundedValues } from './openai-test-kit.js';

let papers: Map<string, Paper>;
beforeAll(() => {
  ensureCliBuilt();
  if (!HAS_DEV_PAGE) return;
  papers = new Map(devPagePapers().map((paper) => [paper.id, paper]));
});

let server: FakeLlmServer;
let folder: { path: string; remove: () => void };
beforeEach(async () => {
  server = await startFakeLlmServer({
    usage: () => ({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 0 }),
  });
  folder = tempFolder('openai-cli');
});
afterEach(async () => {
  await server.close();
  folder.remove();
});

function summarize(...flags: string[]) {
  return runCli(
    ['summarize', DEV_PAGE, '--provider', 'openai', '--db', join(folder.path, 'briefs.db'), ...flags],
    {
      env: { OPENAI_BASE_URL: server.baseUrl },
    },
  );
}

describe.skipIf(!HAS_DEV_PAGE)(
  'paperbrief summarize --provider openai, over the dev page (../shared/data)',
  () => {
    it('briefs the 62 dev papers with exactly 62 LLM calls, all grounded, with tokens and cost in the summary', async () => {
      const result = await summarize('--out', '-', '--model', 'gpt-4.1-mini', '--llm-mode', 'tools');
      expect(result.stderr).toMatch(/read 62, briefed 62, cached 0, failed 0/);
      expect(result.code).toBe(0);
      const briefs = jsonLines(result.stdout).map((line) => BriefSchema.parse(line) as Brief);
      expect(briefs).toHaveLength(62);
      expect(server.calls).toHaveLength(62);
      expect(server.calls.every((call) => call.body.model === 'gpt-4.1-mini' && call.mode === 'tools')).toBe(
        true,
      );
      expect(briefs.flatMap((brief) => ungroundedValues(brief, papers.get(brief.paper.id)!))).toEqual([]);
      expect(briefs.every((brief) => brief.provenance.provider === 'openai')).toBe(true);
      // 62 calls of 1000 + 200 tokens at gpt-4.1-mini prices ($0.4 / $1.6 per million): $0.0446.
      expect(result.stderr).toMatch(/tokens 62000 in \+ 12400 out, cost \$0\.0446/);

      // Run again: every brief comes from the store, no call is made.
      const again = await summarize('--out', '-', '--model', 'gpt-4.1-mini', '--llm-mode', 'tools');
      expect(again.stderr).toMatch(/read 62, briefed 0, cached 62, failed 0/);
      expect(server.calls).toHaveLength(62);
    });

    it('--max-cost stops starting LLM calls once reached and keeps what was briefed', async () => {
      // gpt-4o-mini: $0.00027 a call; the budget is spent after 4 calls.
      const out = join(folder.path, 'briefs.jsonl');
      const result = await summarize('--out', out, '--max-cost', '0.001', '--concurrency', '1');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/stopped: the cost budget is spent; 58 paper\(s\) were not briefed/);
      expect(result.stderr).toMatch(/read 62, briefed 4, .*not started 58/);
      expect(server.calls).toHaveLength(4);
      expect(jsonLines(readFileSync(out, 'utf8'))).toHaveLength(4);
    });

    it('rejects bad LLM flags as usage errors', async () => {
      const badMode = await summarize('--llm-mode', 'xml');
      expect(badMode.code).toBe(2);
      expect(badMode.stderr).toMatch(/--llm-mode/);
      const badRate = await summarize('--rpm', '0');
      expect(badRate.code).toBe(2);
      expect(badRate.stderr).toMatch(/expected a number > 0/);
      expect(server.calls).toHaveLength(0);
    });
  },
);
