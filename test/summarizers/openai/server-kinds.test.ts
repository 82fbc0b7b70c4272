import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../../src/briefs/brief.js';
import { ensureCliBuilt, jsonLines, PROJECT_ROOT, runCli, tempFolder } from '../../cli/cli-harness.js';
import { startFakeLlmServer, type FakeLlmServer } from '../../support/fake-llm-server.js';
import type { FakeServerKind } from '../../support/fake-server-kinds.js';

/** The ten bundled example papers: every test briefs them all through the built CLI. */
const EXAMPLES = join(PROJECT_ROOT, 'examples/papers.jsonl');
const PAPERS = 10;

beforeAll(() => ensureCliBuilt());

let server: FakeLlmServer | undefined;
let folder: { path: string; remove: () => void } | undefined;
afterEach(async () => {
  await server?.close();
  folder?.remove();
  server = undefined;
  folder = undefined;
});

async function start(kind: FakeServerKind) {
  server = await startFakeLlmServer({ kind });
  folder = tempFolder('server-kinds');
  return server;
}

/** `summarize examples/papers.jsonl` with the openai provider and the given flags and variables. */
async function summarize(flags: string[], env: Record<string, string> = {}) {
  const result = await runCli(
    ['summarize', EXAMPLES, '--out', '-', '--db', join(folder!.path, 'briefs.db'), ...flags],
    { env: { OPENAI_BASE_URL: server!.baseUrl, LOG_LEVEL: 'info', ...env } },
  );
  const briefs = jsonLines(result.stdout).map((line) => BriefSchema.parse(line));
  return { ...result, briefs };
}

describe('--llm-mode auto (the default) against servers missing a mode', () => {
  it('a server without json_schema: every paper briefed with tools, one extra call for the whole run', async () => {
    const fake = await start({ rejectJsonSchema: true });
    const result = await summarize(['--concurrency', '4']);
    expect(result.stderr).toMatch(new RegExp(`read ${PAPERS}, briefed ${PAPERS}, cached 0, failed 0`));
    expect(result.code).toBe(0);
    expect(result.briefs).toHaveLength(PAPERS);
    expect(fake.calls).toHaveLength(PAPERS + 1);
    expect(fake.calls[0]!.mode).toBe('json_schema');
    expect(fake.calls.slice(1).every((call) => call.mode === 'tools')).toBe(true);
    // The fallback is said once, naming the flag that skips it.
    expect(result.stderr.match(/does not take the json_schema output mode/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/--llm-mode tools/);
  });

  it('a server without json_schema or tools: json_object, two extra calls for the whole run', async () => {
    const fake = await start({ rejectJsonSchema: true, rejectTools: true });
    const result = await summarize(['--concurrency', '4']);
    expect(result.code).toBe(0);
    expect(result.briefs).toHaveLength(PAPERS);
    expect(fake.calls.map((call) => call.mode).slice(0, 2)).toEqual(['json_schema', 'tools']);
    expect(fake.calls).toHaveLength(PAPERS + 2);
    expect(fake.calls.slice(2).every((call) => call.mode === 'json_object')).toBe(true);
  });

  it('a fixed mode the server refuses fails the papers with a message naming --llm-mode', async () => {
    await start({ rejectJsonSchema: true });
    const result = await summarize(['--concurrency', '1', '--llm-mode', 'json_schema']);
    expect(result.code).toBe(1);
    expect(result.briefs).toHaveLength(0);
    expect(result.stderr).toMatch(/json_schema output mode was refused: set --llm-mode/);
  });
});

describe('llama.cpp server profile', () => {
  it('forces the tool with tool_choice "required", which llama.cpp reads; one call a paper', async () => {
    const fake = await start({ toolChoiceStringOnly: true });
    const result = await summarize(['--llm-mode', 'tools'], { PAPERBRIEF_LLM_SERVER: 'llamacpp' });
    expect(result.code).toBe(0);
    expect(result.briefs).toHaveLength(PAPERS);
    expect(fake.calls).toHaveLength(PAPERS);
    expect(fake.calls.every((call) => call.body.tool_choice === 'required')).toBe(true);
    // A grammar server enforces the lengths while generating: they stay in the schema.
    const parameters = JSON.stringify(fake.calls[0]!.body.tools?.[0]?.function?.parameters);
    expect(parameters).toContain('"maxLength":400');
  });

  it('the object form (OpenAI profile) is read as "auto" there: prose answers cost a repair each', async () => {
    const fake = await start({ toolChoiceStringOnly: true });
    const result = await summarize(['--llm-mode', 'tools'], { PAPERBRIEF_LLM_SERVER: 'openai' });
    expect(typeof fake.calls[0]!.body.tool_choice).toBe('object');
    expect(JSON.stringify(fake.calls[0]!.body.tools?.[0]?.function?.parameters)).not.toContain('maxLength');
    // Every first answer is prose around JSON; the profile that sends "required" avoids all of these.
    expect(fake.calls.filter((call) => call.isRepair).length).toBeGreaterThanOrEqual(PAPERS);
    expect(fake.calls.length).toBeGreaterThanOrEqual(2 * PAPERS);
    expect(result.stderr).toMatch(/repair|failed/);
  });
});

describe('Azure OpenAI (--provider azure, the AzureOpenAI client)', () => {
  const azureEnv = (fake: FakeLlmServer, key: string) => ({
    AZURE_OPENAI_ENDPOINT: fake.origin,
    AZURE_OPENAI_API_KEY: key,
    OPENAI_API_VERSION: '2024-10-21',
    PAPERBRIEF_MODEL: 'briefs-4o-mini',
    OPENAI_BASE_URL: '',
  });

  it('briefs every paper through /openai/deployments/{deployment}/chat/completions with api-key', async () => {
    const fake = await start({ azure: { apiKey: 'azure-key-1', apiVersion: '2024-10-21' } });
    const result = await summarize(['--provider', 'azure'], azureEnv(fake, 'azure-key-1'));
    expect(result.stderr).toMatch(new RegExp(`briefed ${PAPERS}, cached 0, failed 0`));
    expect(result.code).toBe(0);
    expect(fake.calls).toHaveLength(PAPERS);
    for (const call of fake.calls) {
      expect(call.route).toMatchObject({ deployment: 'briefs-4o-mini', apiVersion: '2024-10-21' });
      expect(call.headers['api-key']).toBe('azure-key-1');
      expect(call.headers.authorization).toBeUndefined();
    }
    expect(result.briefs.every((brief) => brief.provenance.provider === 'azure')).toBe(true);
    expect(result.briefs.every((brief) => brief.provenance.model === 'briefs-4o-mini')).toBe(true);
  });

  it('a wrong key is refused by the server and no paper is briefed', async () => {
    const fake = await start({ azure: { apiKey: 'azure-key-1' } });
    const result = await summarize(['--provider', 'azure'], azureEnv(fake, 'wrong-key'));
    expect(result.code).not.toBe(0);
    expect(result.briefs).toHaveLength(0);
    expect(result.stderr).toMatch(/401/);
  });

  it('a missing variable is a configuration error naming it (exit 2)', async () => {
    await start({});
    const result = await summarize(['--provider', 'azure'], { AZURE_OPENAI_ENDPOINT: server!.origin });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/AZURE_OPENAI_API_KEY, OPENAI_API_VERSION/);
  });
});
