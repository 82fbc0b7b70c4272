import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * Metrics of other processes, through Redis. Workers brief papers and deliver webhooks in their
 * own processes, but operators scrape one /metrics: each worker writes a snapshot of its
 * paperbrief_* metrics into one Redis hash every few seconds, and the API server sums the fresh
 * snapshots with its own metrics at scrape time (prom-client's cluster aggregation).
 * A worker that stops drops out after `maxAgeMs`; its counters leave the sums, which Prometheus
 * reads as a counter reset.
 */

/** One process's metrics, as `registry.getMetricsAsJSON()` gives them. */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface StoredSnapshot {
  at: number;
  metrics: MetricsSnapshot;
}

/** The Redis commands used: an ioredis client, or the client of a BullMQ queue's backend. */
export interface SnapshotRedis {
  hset(key: string, fields: Record<string, string>): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;
}

/** Only paperbrief's own metrics travel: process metrics describe one process, not a sum. */
const PUBLISHED_PREFIX = 'paperbrief_';

/** The Redis hash holding the snapshots, under the queues' key prefix. */
export function publishedMetricsKey(prefix: string): string {
  return `${prefix}:published-metrics`;
}

export interface PublishMetricsOptions {
  registry: Registry;
  redis: SnapshotRedis;
  /** `publishedMetricsKey(prefix)`. */
  key: string;
  /** This process's field in the hash, e.g. `<host>-<pid>`. */
  id: string;
  /** How often a snapshot is written, in milliseconds. @default 10000 */
  intervalMs?: number;
  /** Called when a write fails (Redis down); publishing goes on at the next tick. */
  onError?: (error: unknown) => void;
}

export interface MetricsPublisher {
  /** Writes a snapshot now. */
  publish(): Promise<void>;
  /** Stops the timer, writes a last snapshot, and leaves it to age out. */
  stop(): Promise<void>;
}

/** Starts writing this process's snapshot to Redis every `intervalMs` (and once right away). */
export function publishMetrics(options: PublishMetricsOptions): MetricsPublisher {
  const publish = async (): Promise<void> => {
    const all = await options.registry.getMetricsAsJSON();
    const stored: StoredSnapshot = {
      at: Date.now(),
      metrics: all.filter((metric) => metric.name.startsWith(PUBLISHED_PREFIX)),
    };
    await options.redis.hset(options.key, { [options.id]: JSON.stringify(stored) });
  };
  const tick = () => publish().catch((error: unknown) => options.onError?.(error));
  const timer = setInterval(tick, options.intervalMs ?? 10_000);
  timer.unref();
  void tick();
  return {
    publish,
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}

/**
 * The snapshots written within the last `maxAgeMs`; older ones are deleted on the way.
 * @throws when Redis cannot be reached.
 */
export async function readPublishedMetrics(
  redis: SnapshotRedis,
  key: string,
  maxAgeMs: number,
): Promise<MetricsSnapshot[]> {
  const fields = await redis.hgetall(key);
  const fresh: MetricsSnapshot[] = [];
  const stale: string[] = [];
  const oldest = Date.now() - maxAgeMs;
  for (const [id, text] of Object.entries(fields)) {
    const stored = parseSnapshot(text);
    if (stored && stored.at >= oldest) fresh.push(stored.metrics);
    else stale.push(id);
  }
  if (stale.length > 0) await redis.hdel(key, ...stale);
  return fresh;
}

function parseSnapshot(text: string): StoredSnapshot | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredSnapshot>;
    return typeof value.at === 'number' && Array.isArray(value.metrics)
      ? (value as StoredSnapshot)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The Prometheus text of `registry` summed with `others` (snapshots of the same metrics). */
export async function aggregatedMetricsText(
  registry: Registry,
  others: readonly MetricsSnapshot[],
): Promise<string> {
  if (others.length === 0) return registry.metrics();
  const own = await registry.getMetricsAsJSON();
  return AggregatorRegistry.aggregate([own, ...others]).metrics();
}
