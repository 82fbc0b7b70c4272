import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDelivery, sendWebhook, type ResolveHost } from '../../src/delivery/index.js';
import { briefFixture } from '../support/brief-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;

// A fake DNS: no real resolver is asked in these tests.
const dns: Record<string, string[]> = {
  'internal.example': ['10.0.0.5'],
  'metadata.example': ['169.254.169.254'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'],
  'loopback6.example': ['::1'],
  'rebind.example': ['127.0.0.1'],
};
const asked: string[] = [];
const resolveHost: ResolveHost = async (hostname) => {
  asked.push(hostname);
  const addresses = dns[hostname];
  if (addresses === undefined)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

function send(url: string, allowPrivate = false) {
  const delivery = createWebhookDelivery(briefFixture(), { id: 'team-a', url, secret });
  return sendWebhook(delivery, { allowPrivate, resolveHost, timeoutMs: 5_000 });
}

describe('SSRF guard', () => {
  it.each([
    ['https://127.0.0.1/hook', 'address 127.0.0.1 is refused: loopback (127.0.0.0/8)'],
    ['https://2130706433/hook', 'address 127.0.0.1 is refused: loopback'],
    ['https://10.1.2.3/hook', 'address 10.1.2.3 is refused: private (10.0.0.0/8)'],
    [
      'https://169.254.169.254/latest/meta-data/',
      'address 169.254.169.254 is refused: cloud metadata service',
    ],
    ['https://[::1]/hook', 'address ::1 is refused: loopback (::1/128)'],
    ['https://[::ffff:127.0.0.1]/hook', 'address ::ffff:7f00:1 is refused: IPv4-mapped 127.0.0.1: loopback'],
    ['https://[fe80::1]/hook', 'address fe80::1 is refused: link-local'],
    ['https://[fd00::1]/hook', 'address fd00::1 is refused: unique-local'],
    ['https://100.64.1.1/hook', 'address 100.64.1.1 is refused: shared address space (CGNAT)'],
    ['https://0.0.0.0/hook', 'address 0.0.0.0 is refused: unspecified'],
  ])('refuses the IP literal in %s before connecting', async (url, reason) => {
    const outcome = await send(url);
    expect(outcome.kind).toBe('refused');
    expect(outcome.reason).toContain(reason);
  });

  it.each([
    [
      'https://internal.example/hook',
      'internal.example resolves to 10.0.0.5, which is refused: private (10.0.0.0/8)',
    ],
    [
      'https://metadata.example/',
      'metadata.example resolves to 169.254.169.254, which is refused: cloud metadata service (169.254.169.254/32)',
    ],
    ['https://loopback6.example/', 'loopback6.example resolves to ::1, which is refused: loopback (::1/128)'],
    [
      'https://mixed.example/',
      'mixed.example resolves to 127.0.0.1, which is refused: loopback (127.0.0.0/8)',
    ],
  ])(
    'refuses a host name that resolves to a non-public address, at connect time: %s',
    async (url, reason) => {
      asked.length = 0;
      const outcome = await send(url);
      expect(outcome).toMatchObject({ kind: 'refused', reason });
      expect(asked).toEqual([new URL(url).hostname]);
    },
  );

  it('refuses plain http unless private addresses are allowed', async () => {
    const outcome = await send('http://hooks.example.com/hook');
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect(outcome.reason).toContain('plain http is refused');
    await expect(send('ftp://hooks.example.com/hook', true)).resolves.toMatchObject({
      kind: 'refused',
      reason: 'scheme ftp: is not supported; use https',
    });
  });

  it('refuses a loopback receiver that is really listening, and reaches it once allowed', async () => {
    const viaName = `http://rebind.example:${receiver.port}/hooks`;
    // https so that the scheme check passes and the address check is what refuses.
    await expect(send(`https://127.0.0.1:${receiver.port}/hooks`)).resolves.toMatchObject({
      kind: 'refused',
    });
    await expect(send(`https://rebind.example:${receiver.port}/hooks`)).resolves.toMatchObject({
      kind: 'refused',
    });
    expect(receiver.requests).toHaveLength(0);

    await expect(send(receiver.url, true)).resolves.toMatchObject({ kind: 'delivered' });
    await expect(send(viaName, true)).resolves.toMatchObject({ kind: 'delivered' });
    expect(receiver.requests).toHaveLength(2);
  });

  it('refuses private literals and names when allowed too, for cloud metadata only', async () => {
    await expect(send('http://169.254.169.254/latest/meta-data/', true)).resolves.toMatchObject({
      kind: 'refused',
    });
    await expect(send('http://metadata.example/', true)).resolves.toMatchObject({ kind: 'refused' });
    await expect(send('http://[::ffff:a9fe:a9fe]/', true)).resolves.toMatchObject({ kind: 'refused' });
  });

  it('reports a name that does not resolve as retry', async () => {
    await expect(send('https://nowhere.example/hook')).resolves.toMatchObject({
      kind: 'retry',
      errorCode: 'ENOTFOUND',
    });
  });
});
