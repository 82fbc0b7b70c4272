import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { freePort } from './redis.js';

/**
 * Throwaway Redis servers with options the shared one lacks: a real Redis Cluster of
 * `redis-server --cluster-enabled yes` processes joined by `redis-cli --cluster create`, and
 * single servers with extra arguments (ACL users, TLS). All on 127.0.0.1, on free ports, in a
 * temporary folder deleted by `dispose`.
 */

export interface OwnRedis {
  /** The server processes, in start order. */
  readonly processes: readonly ChildProcess[];
  /** Stops every process (SIGTERM, SIGKILL after 5 s) and deletes the folder. */
  dispose(): Promise<void>;
}

export interface OwnCluster extends OwnRedis {
  /** `127.0.0.1:P1,127.0.0.1:P2,…`: the value of REDIS_CLUSTER_NODES. */
  readonly nodes: string;
  readonly ports: readonly number[];
}

/** True when both `redis-server` and `redis-cli` run from PATH. */
export function redisClusterToolsOnPath(): boolean {
  return ['redis-server', 'redis-cli'].every(
    (tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0,
  );
}

/**
 * Starts `size` cluster-enabled masters (no replicas), assigns the slots with
 * `redis-cli --cluster create`, and resolves once every node reports `cluster_state:ok`.
 * @throws Error with the tools' output when the cluster does not form within `timeoutMs`.
 */
export async function startRedisCluster(size = 3, timeoutMs = 30_000): Promise<OwnCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'paperbrief-cluster-'));
  const processes: ChildProcess[] = [];
  const dispose = () => stopAll(processes, dir);
  try {
    const ports: number[] = [];
    for (let index = 0; index < size; index++) {
      const port = await freePort();
      // The bus port is given explicitly: port + 10000 may be past 65535 for a random free port.
      const busPort = await freePort();
      ports.push(port);
      processes.push(
        spawnServer([
          '--port',
          String(port),
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(busPort),
          '--cluster-config-file',
          join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '5000',
          '--dir',
          dir,
        ]),
      );
    }
    const deadline = Date.now() + timeoutMs;
    for (const port of ports) await waitUntil(deadline, () => answers({ port }), `node ${port} to start`);
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: timeoutMs },
    );
    if (create.status !== 0) {
      throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    }
    for (const port of ports) {
      await waitUntil(deadline, () => clusterOk(port), `node ${port} to report cluster_state:ok`);
    }
    return { nodes: nodes.join(','), ports, processes, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Starts one `redis-server` on 127.0.0.1 with `args` added (`--port` is the caller's), and
 * resolves once `ready` says it answers.
 */
export async function startOwnRedis(
  args: readonly string[],
  ready: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'paperbrief-own-redis-'));
  const processes = [spawnServer(['--dir', dir, ...args])];
  const dispose = () => stopAll(processes, dir);
  try {
    await waitUntil(Date.now() + timeoutMs, ready, 'redis-server to answer');
    return { processes, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** True when a server answers PING with these connection options (no retries, 1 s timeout). */
export async function answers(options: RedisOptions): Promise<boolean> {
  const redis = new Redis({
    host: '127.0.0.1',
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    ...options,
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

function spawnServer(args: readonly string[]): ChildProcess {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...args],
    { stdio: 'ignore' },
  );
  child.on('error', () => {}); // a missing binary shows as the server never answering
  return child;
}

async function clusterOk(port: number): Promise<boolean> {
  const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    return /^cluster_state:ok/m.test(String(await redis.call('CLUSTER', 'INFO')));
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function waitUntil(deadline: number, check: () => Promise<boolean>, what: string): Promise<void> {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopAll(processes: readonly ChildProcess[], dir: string): Promise<void> {
  await Promise.all(
    processes.map(async (child) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}
