import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/**
 * Redis for tests. `npm test` needs one, and says where it comes from:
 * REDIS_URL when set, else 127.0.0.1:6379 when it answers, else a `redis-server` from PATH
 * started on a free port for the run (test/support/redis-global-setup.ts) and stopped after.
 * Every test works under its own key prefix (`uniquePrefix`) and deletes it afterwards.
 */

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/** True when something answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

export interface RedisServerOptions {
  /** Port to listen on; a free one when omitted (give the old one to restart on the same port). */
  port?: number;
  /** Data folder (keeps the append-only file across restarts); a fresh temporary one when omitted. */
  dir?: string;
  /** `appendonly yes`, so a restart keeps the queue. @default true */
  appendonly?: boolean;
  /** How long to wait for the server to answer, in milliseconds. @default 10000 */
  startTimeoutMs?: number;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Keeps `dir` so the server can restart. */
  stop(): Promise<void>;
  /** Stops the server and deletes its data folder when this helper created it. */
  dispose(): Promise<void>;
}

/** True when `redis-server` can be run from PATH. */
export function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts a throwaway `redis-server` from PATH on 127.0.0.1 (noeviction, no RDB snapshots,
 * append-only file on by default). Restart tests stop it and start it again with the same
 * `port` and `dir`.
 * @throws Error when redis-server is missing or does not answer in time.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'paperbrief-redis-'));
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.appendonly === false ? 'no' : 'yes',
    '--appendfsync',
    'always',
    '--maxmemory-policy',
    'noeviction',
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const url = `redis://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  for (;;) {
    const answered = await Promise.race([portAnswers(port), spawnError]);
    if (answered && (await redisAnswers(url))) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on port ${port} (exit code ${child.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    port,
    dir,
    process: child,
    stop,
    async dispose() {
      await stop();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export type TestRedis =
  | { url: string; origin: 'REDIS_URL' | 'default port' | 'own server'; server?: RedisServer }
  | { url: undefined; reason: string };

/**
 * Finds the Redis the tests use: REDIS_URL, else 127.0.0.1:6379, else its own redis-server.
 * Called once per run by the vitest global setup.
 */
export async function resolveTestRedis(): Promise<TestRedis> {
  const fromEnv = process.env.REDIS_URL?.trim();
  if (fromEnv) return { url: fromEnv, origin: 'REDIS_URL' };
  if (await redisAnswers(DEFAULT_URL)) return { url: DEFAULT_URL, origin: 'default port' };
  if (!redisServerOnPath()) {
    return {
      url: undefined,
      reason:
        'no Redis: REDIS_URL is unset, nothing answers on 127.0.0.1:6379 and redis-server is not on PATH',
    };
  }
  const server = await startRedisServer({ appendonly: false });
  return { url: server.url, origin: 'own server', server };
}

/** A key prefix no other test uses; BullMQ forbids `:` inside the prefix's own parts, so none here. */
export function uniquePrefix(label = 'test'): string {
  return `pbtest-${label}-${randomUUID().slice(0, 8)}`;
}

export { deleteKeysWithPrefix } from './delete-keys-with-prefix.js';

/**
 * The Redis URL of this test run (from the global setup), or undefined when there is none.
 * Use as `describe.skipIf(!redisUrl)`; the global setup has already said why and fails under CI.
 */
export function testRedisUrl(): string | undefined {
  return inject('redisUrl');
}
