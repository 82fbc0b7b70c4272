import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { waitFor } from '../queue/queue-test-kit.js';
import { spawnCli, type ChildRun } from '../queue/worker-process-kit.js';
import { freePort, redisServerOnPath, startRedisServer, type RedisServer } from '../support/redis.js';
import { expectRowPasses, recordFaultRow } from './fault-report.js';

const SHUTDOWN_TIMEOUT_MS = 3_000;
/** The documented bound: the shutdown timeout plus 5 s of grace; 3 s more for a loaded machine. */
const EXIT_BOUND_MS = SHUTDOWN_TIMEOUT_MS + 5_000 + 3_000;
const TOKEN = 'serve-sigterm-token-0123456789';

/** One GET on a keep-alive agent: the socket stays open after the answer, as a browser's does. */
function keepAliveGet(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * SIGTERM reaches `paperbrief serve` while Redis is down and a client still holds a keep-alive
 * connection: the API must stop within PAPERBRIEF_SHUTDOWN_TIMEOUT_MS plus the grace (the
 * worker's scenario, for the other long-running command), not hang on Redis or the socket, and
 * exit 0 after closing the store, with a warning naming the queues it could not close.
 */
describe.skipIf(!redisServerOnPath())('fault: SIGTERM to serve while Redis is down', () => {
  const folder = mkdtempSync(join(tmpdir(), 'paperbrief-serve-sigterm-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let redis: RedisServer;
  let serve: ChildRun | undefined;

  beforeAll(async () => {
    redis = await startRedisServer({});
  });
  afterAll(async () => {
    serve?.child.kill('SIGKILL');
    await serve?.exited;
    agent.destroy();
    await redis.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the API exits within the deadline, with a keep-alive client connected', async () => {
    const startedAt = performance.now();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    serve = spawnCli(['serve', '--port', String(port), '--host', '127.0.0.1'], {
      PAPERBRIEF_API_TOKEN: TOKEN,
      REDIS_URL: redis.url,
      PAPERBRIEF_QUEUE_PREFIX: 'faults-serve-sigterm',
      PAPERBRIEF_DB: join(folder, 'briefs.db'),
      PAPERBRIEF_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      LOG_LEVEL: 'info',
    });
    await waitFor('the API to listen', () => serve?.output().includes('paperbrief API listening'), 30_000);
    const readyBefore = await keepAliveGet(agent, `${base}/readyz`);
    const briefsBefore = await keepAliveGet(agent, `${base}/v1/briefs`);

    const killed = new Promise((resolve) => redis.process.once('exit', resolve));
    redis.process.kill('SIGKILL');
    await killed;
    // Readiness says so before the signal: the orchestrator stops sending traffic.
    let readyWhileDown = 0;
    await waitFor('/readyz to fail', async () => {
      readyWhileDown = await keepAliveGet(agent, `${base}/readyz`);
      return readyWhileDown === 503;
    });

    const aliveAtSignal = serve.child.exitCode === null && serve.child.signalCode === null;
    const signalledAt = performance.now();
    serve.child.kill('SIGTERM');
    const exit = await Promise.race([
      serve.exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_BOUND_MS + 20_000)),
    ]);
    const exitMs = performance.now() - signalledAt;
    const row = recordFaultRow({
      scenario: 'SIGTERM to serve while Redis is down (keep-alive client)',
      papersIn: 0,
      briefsStored: 0,
      duplicates: 0,
      failedWithReason: 0,
      invalidBriefs: 0,
      lost: 0,
      mismatches: [
        ...(readyBefore === 200 && briefsBefore === 200
          ? []
          : [`before: /readyz ${readyBefore}, /v1/briefs ${briefsBefore}`]),
        ...(aliveAtSignal ? [] : ['serve had exited before the signal']),
        ...(exit === undefined ? ['serve did not exit'] : []),
        // Nothing is lost when Redis is gone at shutdown (a job the API accepted is in Redis): the
        // queues that cannot close are a warning, and the store and the HTTP server still close.
        ...(exit === undefined || exit.code === 0
          ? []
          : [`exit code ${exit.code ?? exit.signal}, expected 0`]),
        ...(serve.output().includes('could not close the queues') ? [] : ['no warning naming the queues']),
        // An outage logs its reason per probe, not a Redis stack trace.
        ...(/readiness check failed[^\n]*stack/.test(serve.output())
          ? ['a stack trace in the readiness log']
          : []),
        ...(exitMs <= EXIT_BOUND_MS
          ? []
          : [`exited ${Math.round(exitMs)} ms after SIGTERM (bound ${EXIT_BOUND_MS})`]),
      ],
      notes:
        `/readyz 200 then ${readyWhileDown} once its own redis-server was killed; SIGTERM: exit code ` +
        `${exit?.code ?? 'none'} after ${(exitMs / 1000).toFixed(1)} s ` +
        `(PAPERBRIEF_SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS} + 5 s grace), a keep-alive socket open`,
      durationMs: performance.now() - startedAt,
    });
    expectRowPasses(row);
  });
});
