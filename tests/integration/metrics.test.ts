// GET /metrics: Prometheus text with HTTP latency by route pattern, cache hits/misses per namespace,
// the database pool, the job queue depth and the attempt batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createMetrics } from "../../src/metrics/metrics.js";
import { createTestContext } from "../helpers/context.js";
import { createTestApp, signUp } from "../helpers/http.js";

let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** The value of one sample line, e.g. `maang_cache_hits_total{namespace="x"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  it("counts requests by route pattern, cache hits and misses by namespace, the pool and the queues", async () => {
    const user = await signUp(app);
    for (let i = 0; i < 3; i++)
      expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: "DELETE", url: "/api/tokens/987654", headers: user.headers })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ url: "/api/no-such-thing/123" })).statusCode).toBe(404);

    let loads = 0;
    const loader = async () => ++loads;
    // a key of this run only: on Redis an earlier run's value would still be cached (a hit, not a miss)
    const key = `metricstest:answer-${Date.now()}-${Math.random()}`;
    await ctx.cache.getOrLoad(key, {}, loader);
    await ctx.cache.getOrLoad(key, {}, loader);
    await ctx.cache.getOrLoad(key, {}, loader);
    expect(loads).toBe(1);

    const response = await app.inject({ url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    const text = response.body;

    expect(
      sample(text, 'maang_http_request_duration_seconds_count{method="GET",route="/api/me",status_code="200"}'),
    ).toBe(3);
    expect(
      sample(
        text,
        'maang_http_request_duration_seconds_count{method="DELETE",route="/api/tokens/:id",status_code="404"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'maang_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
    ).toBe(1);
    expect(text).not.toContain("987654");
    expect(text).not.toContain("/api/no-such-thing");

    expect(sample(text, 'maang_cache_misses_total{namespace="metricstest"}')).toBe(1);
    expect(sample(text, 'maang_cache_hits_total{namespace="metricstest"}')).toBe(2);

    const stats = ctx.database.poolStats();
    expect(sample(text, "maang_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "maang_db_pool_waiting_clients")).toBe(0);
    expect(stats.total).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'maang_job_queue_depth{queue="embed-memories"}')).toBe(0);
    expect(sample(text, 'maang_job_queue_depth{queue="invalidate-cache"}')).toBe(0);
    expect(text).toContain("maang_process_cpu_user_seconds_total");
  });

  it("counts the attempts' statements and how many attempts went in batches", async () => {
    const before = await (await app.inject({ url: "/metrics" })).body;
    const users = await Promise.all(Array.from({ length: 6 }, () => signUp(app)));
    const slugs = ["two-sum", "valid-anagram", "contains-duplicate", "valid-parentheses", "sort-colors", "jump-game"];
    const logged = await Promise.all(
      users.map((user, i) =>
        app.inject({
          method: "POST",
          url: "/api/attempts",
          headers: user.headers,
          payload: { problem: slugs[i], outcome: "solved", minutes: 10 },
        }),
      ),
    );
    expect(logged.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const text = (await app.inject({ url: "/metrics" })).body;
    const grown = (series: string) => (sample(text, series) ?? 0) - (sample(before, series) ?? 0);
    // each attempt's read and write is counted, alone or in a batch (whether these six shared batches
    // depends on timing; attempt-batch.test.ts makes batches form)
    const stats = ctx.tracking.attemptBatches;
    expect(grown('maang_attempt_batches_total{kind="write"}')).toBeGreaterThanOrEqual(1);
    expect(grown('maang_attempt_batches_total{kind="read"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'maang_attempt_batches_total{kind="write"}')).toBe(stats.writes.stats.batches);
    expect(sample(text, 'maang_attempt_batched_total{kind="write"}')).toBe(stats.writes.stats.batched);
    expect(sample(text, 'maang_attempt_batches_total{kind="read"}')).toBe(stats.reads.stats.batches);
    expect(sample(text, 'maang_attempt_batched_total{kind="read"}')).toBe(stats.reads.stats.batched);
    expect(sample(text, 'maang_attempt_batch_retried_total{kind="write"}')).toBe(stats.retried.write);
    expect(sample(text, 'maang_attempt_batch_retried_total{kind="read"}')).toBe(stats.retried.read);
  });

  it("keeps each app context's metrics apart (one registry per context)", async () => {
    const other = createMetrics();
    other.recordCache("miss", "metricstest:other");
    const theirs = await other.render();
    expect(sample(theirs, 'maang_cache_misses_total{namespace="metricstest"}')).toBe(1);
    expect(sample(theirs, 'maang_cache_hits_total{namespace="metricstest"}')).toBeUndefined();
    expect(sample(await ctx.metrics.render(), 'maang_cache_hits_total{namespace="metricstest"}')).toBe(2);
  });
});
