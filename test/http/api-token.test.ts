import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessControl, credentialFromHeader } from '../../src/http/access/index.js';
import { testRedisUrl } from '../support/redis.js';
import { anonymous, basicAuth, startApi, TOKEN, type ApiHarness } from './api-harness.js';

const redisUrl = testRedisUrl();
// Same length as the real token, differing in the last character only.
const NEAR_MISS = `${TOKEN.slice(0, -1)}Q`;
const PROTECTED = ['/v1/briefs', '/v1/briefs/2406.04312', '/metrics', '/', '/feeds/briefs.atom'];

describe('token checks', () => {
  it('reads bearer tokens and Basic passwords, nothing else', () => {
    expect(credentialFromHeader(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(credentialFromHeader(`bearer ${TOKEN}`)).toBe(TOKEN);
    expect(credentialFromHeader(basicAuth('admin', TOKEN))).toBe(TOKEN);
    expect(credentialFromHeader(basicAuth('', 'pass:with:colons'))).toBe('pass:with:colons');
    expect(credentialFromHeader(`Token ${TOKEN}`)).toBeUndefined();
    expect(credentialFromHeader(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(credentialFromHeader(undefined)).toBeUndefined();
  });

  it('accepts only the exact token', () => {
    const access = createAccessControl({ apiToken: TOKEN });
    expect(access.identify(TOKEN)?.name).toBe('default');
    for (const wrong of [NEAR_MISS, TOKEN.slice(0, -1), `${TOKEN} `, '', undefined])
      expect(access.identify(wrong)).toBeUndefined();
  });

  it('refuses a short token and no token at all', () => {
    expect(() => createAccessControl({ apiToken: 'short' })).toThrow(/at least 16 characters/);
    expect(() => createAccessControl({})).toThrow(/PAPERBRIEF_API_TOKEN or PAPERBRIEF_API_TOKENS_FILE/);
  });
});

describe.skipIf(!redisUrl)('API authentication', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string });
  });
  afterAll(async () => api?.close());

  it('answers 401 without a token, with a wrong one and with a near miss', async () => {
    for (const path of PROTECTED) {
      const missing = await anonymous(api, path);
      expect(missing.status, path).toBe(401);
      // Every route challenges with Basic, so a browser asks for the token as a password.
      expect(missing.headers.get('www-authenticate')).toBe('Basic realm="paperbrief", charset="UTF-8"');
      expect(await missing.json()).toEqual({
        error: { code: 'unauthorized', message: 'missing or wrong API token' },
      });

      for (const header of [
        `Bearer ${NEAR_MISS}`,
        'Bearer x',
        `Bearer ${TOKEN}x`,
        TOKEN,
        basicAuth('a', NEAR_MISS),
      ]) {
        expect(
          (await api.call(path, { headers: { authorization: header } })).status,
          `${path} ${header}`,
        ).toBe(401);
      }
    }
    const post = await anonymous(api, '/v1/papers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'T', abstract: 'A' }),
    });
    expect(post.status).toBe(401);
    expect(await api.queue.count()).toBe(0);
  });

  it('lets the right token through, as bearer or as Basic password', async () => {
    for (const path of PROTECTED.filter((path) => !path.includes('2406'))) {
      expect((await api.call(path)).status, path).toBe(200);
      expect(
        (await api.call(path, { headers: { authorization: basicAuth('ops', TOKEN) } })).status,
        path,
      ).toBe(200);
    }
  });

  it('leaves health, readiness and the OpenAPI document open', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json'])
      expect((await anonymous(api, path)).status, path).toBe(200);
  });

  it('sends no CORS headers, even to a preflight', async () => {
    const origin = { origin: 'https://evil.example' };
    const get = await api.call('/v1/briefs', { headers: origin });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await anonymous(api, '/v1/papers', {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('keeps the token out of logs and error bodies', async () => {
    await api.call('/v1/briefs');
    await api.call('/v1/briefs', { headers: { authorization: basicAuth('ops', TOKEN) } });
    const refused = await api.call('/v1/briefs', { headers: { authorization: `Bearer ${NEAR_MISS}` } });
    const refusedText = await refused.text();
    await api.call('/v1/nowhere');
    expect(api.logLines.length).toBeGreaterThan(0);
    const logs = api.logLines.join('');
    const basic = basicAuth('ops', TOKEN).split(' ')[1] as string;
    for (const secret of [TOKEN, NEAR_MISS, basic]) {
      expect(logs).not.toContain(secret);
      expect(refusedText).not.toContain(secret);
    }
    // The refused request was logged (so the check above looked at it).
    expect(logs).toMatch(/"statusCode":401/);
  });
});

describe.skipIf(!redisUrl)('the queue dashboard', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ redisUrl: redisUrl as string });
  });
  afterAll(async () => api?.close());

  it('asks a browser for the password', async () => {
    const response = await anonymous(api, '/admin/queues');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="paperbrief", charset="UTF-8"');
    const wrong = await anonymous(api, '/admin/queues', {
      headers: { authorization: basicAuth('ops', NEAR_MISS) },
    });
    expect(wrong.status).toBe(401);
  });

  it('opens with the token as Basic password (or bearer), page, assets and API alike', async () => {
    const page = await anonymous(api, '/admin/queues', {
      headers: { authorization: basicAuth('ops', TOKEN) },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<base href="/admin/queues/" />');

    expect((await api.call('/admin/queues')).status).toBe(200);

    // Assets are relative to the <base>: /admin/queues/static/js/main.<hash>.js.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = `/admin/queues/${script as string}`;
    expect((await anonymous(api, asset)).status).toBe(401);
    expect((await api.call(asset)).status).toBe(200);

    const queues = await api.call('/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: Array<{ name: string }> };
    expect(body.queues.map((queue) => queue.name)).toEqual(['summarize']);
    expect((await anonymous(api, '/admin/queues/api/queues')).status).toBe(401);
  });
});
