// Prometheus metrics for one app context. Each context owns its Registry (never prom-client's global
// one), so several contexts in one process — tests, the CLI — never register a metric twice.
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { PoolStats } from "../config/database.js";
import type { BatcherStats } from "../services/shared/batcher.js";
import { HttpLatency } from "./http-latency.js";

export type CacheEvent = "hit" | "miss" | "error";

/** a batcher's counts, with the attempts its batches failed and sent again one by one */
export type BatchCounts = BatcherStats & { retried: number };

export interface Metrics {
  /** prom-client's metrics (everything but the HTTP latency histogram, which `render` appends) */
  readonly registry: Registry;
  /** counts a cache hit, miss or error under the key's namespace (its first segment: `user`, `global`, …) */
  recordCache(event: CacheEvent, key: string): void;
  /** one finished HTTP request; `route` is the route pattern (`/api/problems/:slug`), never the raw URL */
  recordHttp(method: string, route: string, statusCode: number, seconds: number): void;
  /** reports the database pool on every scrape */
  watchPool(stats: () => PoolStats): void;
  /** reports the job queue depth on every scrape */
  watchQueues(depth: () => Promise<Record<string, number>>): void;
  /** reports the attempt batches (group commit of attempt reads and writes) on every scrape */
  watchBatches(stats: () => Record<string, BatchCounts>): void;
  /** the Prometheus text exposition */
  render(): Promise<string>;
  readonly contentType: string;
}

export function cacheNamespace(key: string): string {
  const end = key.indexOf(":");
  return end === -1 ? key : key.slice(0, end);
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "maang_" });

  // Cache reads and HTTP responses are counted on every request: both are kept in plain maps and handed
  // to the exposition at scrape time (http-latency.ts says why), not through prom-client's per-call API.
  const cacheCounts: Record<CacheEvent, Map<string, number>> = { hit: new Map(), miss: new Map(), error: new Map() };
  const cacheCounter = (event: CacheEvent, name: string, help: string) =>
    new Counter({
      name,
      help,
      labelNames: ["namespace"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [namespace, n] of cacheCounts[event]) this.inc({ namespace }, n);
      },
    });
  cacheCounter("hit", "maang_cache_hits_total", "Cache reads answered from the cache, by key namespace");
  cacheCounter("miss", "maang_cache_misses_total", "Cache reads that found nothing, by key namespace");
  cacheCounter(
    "error",
    "maang_cache_errors_total",
    "Cache operations that failed or were skipped because the cache was unavailable, by key namespace",
  );

  const httpDuration = new HttpLatency(
    "maang_http_request_duration_seconds",
    "HTTP request latency, by method, route pattern and status code",
  );

  let poolStats: (() => PoolStats) | undefined;
  const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (poolStats) this.set(pick(poolStats()));
      },
    });
  poolGauge("maang_db_pool_connections", "Open database connections in the pool", (s) => s.total);
  poolGauge("maang_db_pool_idle_connections", "Idle database connections in the pool", (s) => s.idle);
  poolGauge(
    "maang_db_pool_in_use_connections",
    "Database connections checked out of the pool",
    (s) => s.total - s.idle,
  );
  poolGauge("maang_db_pool_waiting_clients", "Queries waiting for a free database connection", (s) => s.waiting);

  let queueDepth: (() => Promise<Record<string, number>>) | undefined;
  new Gauge({
    name: "maang_job_queue_depth",
    help: "Jobs waiting, active or delayed, by queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      if (!queueDepth) return;
      this.reset();
      try {
        for (const [queue, depth] of Object.entries(await queueDepth())) this.set({ queue }, depth);
      } catch {
        // The queue's store is unreachable: report no depth rather than failing the whole scrape.
      }
    },
  });

  let batchStats: (() => Record<string, BatchCounts>) | undefined;
  const batchCounter = (name: string, help: string, pick: (s: BatchCounts) => number) =>
    new Counter({
      name,
      help,
      labelNames: ["kind"],
      registers: [registry],
      collect() {
        if (!batchStats) return;
        this.reset();
        for (const [kind, stats] of Object.entries(batchStats())) this.inc({ kind }, pick(stats));
      },
    });
  batchCounter(
    "maang_attempt_batches_total",
    "Statements run for logged attempts (snapshot reads, writes), each for one attempt or a batch of them",
    (s) => s.batches,
  );
  batchCounter(
    "maang_attempt_batched_total",
    "Logged attempts whose read or write was sent to the database in a batch of more than one",
    (s) => s.batched,
  );
  batchCounter(
    "maang_attempt_batch_retried_total",
    "Logged attempts whose batch wrote or read nothing (a snapshot moved, a refused value, the database gone) and that were sent again one by one",
    (s) => s.retried,
  );

  return {
    registry,
    contentType: registry.contentType,
    watchBatches(stats) {
      batchStats = stats;
    },
    recordCache(event, key) {
      const counts = cacheCounts[event];
      const namespace = cacheNamespace(key);
      counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
    },
    recordHttp(method, route, statusCode, seconds) {
      httpDuration.observe(method, route, statusCode, seconds);
    },
    watchPool(stats) {
      poolStats = stats;
    },
    watchQueues(depth) {
      queueDepth = depth;
    },
    // prom-client's text ends with a newline and separates metrics by a blank line: so does the histogram
    render: async () => {
      const latency = httpDuration.render();
      return `${await registry.metrics()}${latency ? `\n${latency}` : ""}`;
    },
  };
}
