import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadDeliverySettings } from '../../src/compose/delivery-settings.js';
import { endpointsForBrief, endpointWantsBrief } from '../../src/delivery/index.js';
import { ConfigError } from '../../src/errors.js';
import { briefFixture } from '../support/brief-fixtures.js';

const secret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'paperbrief-webhooks-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function settingsFromFile(content: unknown, env: Record<string, string> = {}) {
  const path = join(directory, `${randomBytes(4).toString('hex')}.json`);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return { path, load: () => loadDeliverySettings(loadConfig({ PAPERBRIEF_WEBHOOKS_FILE: path, ...env })) };
}

describe('loadDeliverySettings from PAPERBRIEF_WEBHOOKS_FILE', () => {
  it('reads several endpoints with their secrets and tag filters', async () => {
    const endpoints = [
      { id: 'team-a', url: 'https://hooks.example.com/a', secret: secret() },
      { id: 'vision', url: 'https://hooks.example.com/v', secret: secret(), tags: ['vision-transformer'] },
    ];
    const { load } = await settingsFromFile({ endpoints }, { PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: '50ms,1s' });
    await expect(load()).resolves.toEqual({ endpoints, retryScheduleMs: [50, 1_000], allowPrivate: false });
  });

  it('names the field that is wrong, never the secret', async () => {
    const badSecret = 'whsec_dG9vLXNob3J0';
    const { path, load } = await settingsFromFile({
      endpoints: [
        { id: 'ok', url: 'https://hooks.example.com/a', secret: secret() },
        { id: 'b', url: 'not a url', secret: badSecret, tag: ['x'] },
        { id: 'ok', url: 'https://hooks.example.com/c', secret: secret(), tags: [] },
      ],
    });
    const error = await load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`PAPERBRIEF_WEBHOOKS_FILE ${path}: `);
    expect(message).toContain('endpoints[1].url: must be an absolute http(s) URL');
    expect(message).toContain(
      'endpoints[1].secret: must be "whsec_" followed by base64 of at least 24 random bytes',
    );
    expect(message).toMatch(/endpoints\[1\]: Unrecognized key: "tag"/);
    expect(message).toContain('endpoints[2].tags: must list at least one tag');
    expect(message).toContain('endpoints[2].id: is used by two endpoints');
    expect(message).not.toContain('dG9vLXNob3J0');
  });

  it('refuses plain http and private IP literals unless private addresses are allowed', async () => {
    const endpoints = [
      { id: 'plain', url: 'http://hooks.example.com/a', secret: secret() },
      { id: 'inside', url: 'https://10.1.2.3/hook', secret: secret() },
    ];
    const { load } = await settingsFromFile({ endpoints });
    await expect(load()).rejects.toThrow(
      /endpoints\[0\]\.url: plain http is refused.*endpoints\[1\]\.url: address 10\.1\.2\.3 is refused: private \(10\.0\.0\.0\/8\)/,
    );
    const allowed = await settingsFromFile({ endpoints }, { PAPERBRIEF_WEBHOOK_ALLOW_PRIVATE: '1' });
    await expect(allowed.load()).resolves.toMatchObject({ endpoints, allowPrivate: true });
  });

  it('says when the file is missing, not JSON, or empty', async () => {
    const missing = join(directory, 'missing.json');
    await expect(loadDeliverySettings(loadConfig({ PAPERBRIEF_WEBHOOKS_FILE: missing }))).rejects.toThrow(
      `PAPERBRIEF_WEBHOOKS_FILE ${missing}: cannot read it`,
    );
    const notJson = await settingsFromFile(`{"endpoints": [{"secret": "${secret()}",}]}`);
    await expect(notJson.load()).rejects.toThrow(/: is not valid JSON$/);
    await expect((await settingsFromFile({ endpoints: [] })).load()).rejects.toThrow(
      'endpoints: must list at least one endpoint',
    );
    await expect((await settingsFromFile([])).load()).rejects.toThrow(/\(top level\): /);
  });

  it('refuses a file and an environment endpoint together', async () => {
    const { load } = await settingsFromFile(
      { endpoints: [] },
      { PAPERBRIEF_WEBHOOK_URL: 'https://x.example' },
    );
    await expect(load()).rejects.toThrow(/PAPERBRIEF_WEBHOOKS_FILE and PAPERBRIEF_WEBHOOK_URL/);
  });
});

describe('loadDeliverySettings from the environment', () => {
  it('makes the one endpoint "default" from PAPERBRIEF_WEBHOOK_URL and PAPERBRIEF_WEBHOOK_SECRET', async () => {
    const webhookSecret = secret();
    const config = loadConfig({
      PAPERBRIEF_WEBHOOK_URL: 'https://hooks.example.com/in',
      PAPERBRIEF_WEBHOOK_SECRET: webhookSecret,
    });
    await expect(loadDeliverySettings(config)).resolves.toEqual({
      endpoints: [{ id: 'default', url: 'https://hooks.example.com/in', secret: webhookSecret }],
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      allowPrivate: false,
    });
    await expect(loadDeliverySettings(loadConfig({}))).resolves.toMatchObject({ endpoints: [] });
  });

  it('names the variable that is missing or wrong', async () => {
    const load = (env: Record<string, string>) => loadDeliverySettings(loadConfig(env));
    await expect(load({ PAPERBRIEF_WEBHOOK_URL: 'https://hooks.example.com' })).rejects.toThrow(
      'PAPERBRIEF_WEBHOOK_SECRET: is missing',
    );
    await expect(load({ PAPERBRIEF_WEBHOOK_SECRET: secret() })).rejects.toThrow(
      'PAPERBRIEF_WEBHOOK_URL: is missing',
    );
    await expect(
      load({ PAPERBRIEF_WEBHOOK_URL: 'https://hooks.example.com', PAPERBRIEF_WEBHOOK_SECRET: 'hunter2' }),
    ).rejects.toThrow(/^PAPERBRIEF_WEBHOOK_SECRET: must be "whsec_"/);
    await expect(
      load({ PAPERBRIEF_WEBHOOK_URL: 'http://127.0.0.1:9/', PAPERBRIEF_WEBHOOK_SECRET: secret() }),
    ).rejects.toThrow('PAPERBRIEF_WEBHOOK_URL: plain http is refused');
    await expect(
      load({
        PAPERBRIEF_WEBHOOK_URL: 'https://hooks.example.com',
        PAPERBRIEF_WEBHOOK_SECRET: secret(),
        PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: '5s,soon',
      }),
    ).rejects.toThrow('PAPERBRIEF_WEBHOOK_RETRY_SCHEDULE: item 2 is "soon"');
  });
});

describe('tag filters', () => {
  const brief = briefFixture({ tags: ['mixture-of-experts', 'vision-transformer'] });

  it('delivers to endpoints without a filter and to those sharing a tag with the brief', () => {
    const everything = { id: 'all' };
    const vision = { id: 'vision', tags: ['vision-transformer', 'diffusion'] };
    const speech = { id: 'speech', tags: ['speech'] };
    expect(endpointWantsBrief(everything, brief)).toBe(true);
    expect(endpointWantsBrief(vision, brief)).toBe(true);
    expect(endpointWantsBrief(speech, brief)).toBe(false);
    expect(endpointsForBrief([everything, vision, speech], brief).map((endpoint) => endpoint.id)).toEqual([
      'all',
      'vision',
    ]);
    expect(
      endpointsForBrief([everything, vision, speech], briefFixture({ tags: [] })).map(
        (endpoint) => endpoint.id,
      ),
    ).toEqual(['all']);
  });
});
