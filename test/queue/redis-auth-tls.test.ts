import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countJobs,
  enqueuePapers,
  jobOptions,
  openQueues,
  startWorkers,
  type RedisConnectionSettings,
} from '../../src/queue/index.js';
import { parseRedisSettings } from '../../src/compose/redis-settings.js';
import { answers, startOwnRedis, type OwnRedis } from '../support/redis-cluster.js';
import { freePort, redisServerOnPath, uniquePrefix } from '../support/redis.js';
import {
  makePapers,
  NO_WATCH,
  pipelineDeps,
  scriptedSummarizer,
  silentLogger,
  temporaryStore,
  testSettings,
  waitFor,
} from './queue-test-kit.js';

/**
 * Production Redis needs a login (ACL user and password) and TLS (`rediss://`). Each suite starts
 * its own `redis-server` on a free loopback port: one with an ACL user and the default user off,
 * one with TLS only (a self-signed certificate made by openssl for the run).
 */

/** Enqueues 5 papers and lets an in-process worker brief them over `redis`; returns the briefs stored. */
async function briefFivePapers(redis: RedisConnectionSettings): Promise<number> {
  const prefix = uniquePrefix('login');
  const storeHandle = temporaryStore();
  const open = await openQueues({ ...redis, prefix });
  const summarizer = scriptedSummarizer();
  const running = await startWorkers(
    ['summarize'],
    { pipeline: pipelineDeps(summarizer, storeHandle.store), watch: NO_WATCH, logger: silentLogger },
    { ...testSettings('', prefix), redisUrl: undefined, ...redis },
  );
  try {
    const deps = {
      queue: open.queues.summarize,
      store: storeHandle.store,
      identity: summarizer,
      jobOptions: jobOptions(),
    };
    expect(await enqueuePapers(makePapers(5), deps)).toEqual({ enqueued: 5, known: 0 });
    await waitFor('5 completed jobs', async () => (await countJobs(open.queues.summarize)).completed === 5);
    return await storeHandle.store.count();
  } finally {
    await running.close();
    await open.close();
    await storeHandle.dispose();
  }
}

// Under CI a missing redis-server fails these suites instead of skipping them.
const runnable = redisServerOnPath() || process.env.CI === 'true';

describe.skipIf(!runnable)('Redis with an ACL user (own redis-server)', () => {
  let server: OwnRedis;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startOwnRedis(
      // The default user is off: nothing works without logging in as `paperbrief`.
      [
        '--port',
        String(port),
        '--user',
        'paperbrief',
        'on',
        '>s3cret',
        '~*',
        '&*',
        '+@all',
        '--user',
        'default',
        'off',
      ],
      () => answers({ port, username: 'paperbrief', password: 's3cret' }),
    );
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('REDIS_USERNAME and REDIS_PASSWORD log every connection in; workers brief the papers', async () => {
    const redis = parseRedisSettings({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_USERNAME: 'paperbrief',
      REDIS_PASSWORD: 's3cret',
    });
    expect(await briefFivePapers(redis)).toBe(5);
  });

  it('the user and password may be in the URL instead', async () => {
    expect(await briefFivePapers({ redisUrl: `redis://paperbrief:s3cret@127.0.0.1:${port}` })).toBe(5);
  });

  it('without a login, or with a wrong password, opening the queues fails', async () => {
    await expect(openQueues({ redisUrl: `redis://127.0.0.1:${port}`, prefix: 'x' })).rejects.toThrow(
      /NOAUTH|Authentication required/,
    );
    await expect(
      openQueues({
        redisUrl: `redis://127.0.0.1:${port}`,
        username: 'paperbrief',
        password: 'nope',
        prefix: 'x',
      }),
    ).rejects.toThrow(/WRONGPASS/);
  });
});

describe.skipIf(!runnable)('Redis over TLS (own redis-server, self-signed certificate)', () => {
  let server: OwnRedis;
  let port: number;
  let folder: string;
  let caFile: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'paperbrief-tls-'));
    caFile = join(folder, 'cert.pem');
    const keyFile = join(folder, 'key.pem');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        caFile,
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
    port = await freePort();
    const ca = readFileSync(caFile, 'utf8');
    server = await startOwnRedis(
      [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        caFile,
        '--tls-key-file',
        keyFile,
        '--tls-ca-cert-file',
        caFile,
        '--tls-auth-clients',
        'no',
      ],
      () => answers({ port, tls: { ca } }),
    );
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('rediss:// with REDIS_TLS_CA_FILE: workers brief the papers over TLS', async () => {
    const redis = parseRedisSettings({ REDIS_URL: `rediss://127.0.0.1:${port}`, REDIS_TLS_CA_FILE: caFile });
    expect(redis.tlsCa).toContain('BEGIN CERTIFICATE');
    expect(await briefFivePapers(redis)).toBe(5);
  });

  it('the certificate is checked: without the CA the connection is refused', async () => {
    await expect(openQueues({ redisUrl: `rediss://127.0.0.1:${port}`, prefix: 'x' })).rejects.toThrow(
      /self[- ]signed certificate/i,
    );
  });
});
