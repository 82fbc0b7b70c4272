import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, jsonLines, PROJECT_ROOT, runCli, tempFolder } from '../../cli/cli-harness.js';
import { startFakeLlmServer, type FakeLlmServer } from '../../support/fake-llm-server.js';

const EXAMPLES = join(PROJECT_ROOT, 'examples/papers.jsonl');

beforeAll(() => ensureCliBuilt());

let server: FakeLlmServer;
let folder: { path: string; remove: () => void };
afterEach(async () => {
  await server.close();
  folder.remove();
});

describe('a one-slot server that keeps computing abandoned requests (llama.cpp on a CPU)', () => {
  // The scenario of issue 13: one slot, 2 s a call, 4 calls at once, a 3 s timeout. Four calls
  // queue behind each other, three time out while the server keeps computing them, and retries
  // used to queue behind that abandoned work until every paper had failed.
  it('briefs every paper without a failed one: timeouts lower the calls in flight', async () => {
    server = await startFakeLlmServer({ kind: { slots: 1, serviceMs: 2_000 } });
    folder = tempFolder('storm');
    const result = await runCli(
      ['summarize', EXAMPLES, '--out', '-', '--db', join(folder.path, 'briefs.db'), '--concurrency', '4'],
      {
        env: {
          OPENAI_BASE_URL: server.baseUrl,
          PAPERBRIEF_LLM_TIMEOUT_MS: '3000',
          PAPERBRIEF_LLM_MODE: 'json_schema',
          LOG_LEVEL: 'warn',
        },
      },
    );
    const calls = server.calls.length;
    const abandoned = server.calls.filter((call) => call.abandoned).length;
    console.log(`timeout storm: ${calls} calls for 10 papers, ${abandoned} timed out (computed anyway)`);
    expect(result.stderr).toMatch(/read 10, briefed 10, cached 0, failed 0/);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toHaveLength(10);
    expect(result.stderr).toMatch(/LLM calls time out: 1 call\(s\) at once from now on/);
    // Some calls time out before the limit comes down; after that the server is not buried.
    expect(abandoned).toBeLessThanOrEqual(8);
  }, 120_000);
});
