// The hand-kept HTTP latency histogram (src/metrics/http-latency.ts) against prom-client's own Histogram as
// the oracle: the same observations must give the same Prometheus text, bucket bounds, escapes and all.
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { HTTP_LATENCY_BUCKETS, HttpLatency } from "../../src/metrics/http-latency.js";
import { createMetrics } from "../../src/metrics/metrics.js";

const NAME = "maang_http_request_duration_seconds";
const HELP = "HTTP request latency, by method, route pattern and status code";

const observations: [string, string, number, number][] = [
  ["GET", "/healthz", 200, 0.0004],
  ["GET", "/healthz", 200, 0.005], // exactly on a bound: counted in that bucket (le is ≤)
  ["GET", "/healthz", 200, 0.0050001],
  ["POST", "/api/attempts", 201, 0.25],
  ["POST", "/api/attempts", 201, 11], // above every bound: only +Inf
  ["GET", "/api/problems/:slug", 404, 0.07],
  ["GET", 'a "quoted" \\ route\nwith a newline', 500, 1],
  ["GET", "/healthz", 503, 0],
];

describe("HttpLatency", () => {
  it("writes what prom-client's Histogram writes for the same observations", async () => {
    const registry = new Registry();
    const oracle = new Histogram({
      name: NAME,
      help: HELP,
      labelNames: ["method", "route", "status_code"],
      buckets: HTTP_LATENCY_BUCKETS,
      registers: [registry],
    });
    const ours = new HttpLatency(NAME, HELP);
    for (const [method, route, status, seconds] of observations) {
      oracle.observe({ method, route, status_code: String(status) }, seconds);
      ours.observe(method, route, status, seconds);
    }
    expect(ours.render()).toBe(await registry.metrics());
  });

  it("writes nothing before the first request, and ignores a duration that is not a number", () => {
    const latency = new HttpLatency(NAME, HELP);
    expect(latency.render()).toBe("");
    latency.observe("GET", "/healthz", 200, Number.NaN);
    latency.observe("GET", "/healthz", 200, Number.POSITIVE_INFINITY);
    expect(latency.render()).toBe("");
  });

  it("is part of the context's exposition, after prom-client's metrics", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordHttp("GET", "/api/me", 200, 0.003);
    metrics.recordCache("hit", "user:1:stats");
    metrics.recordCache("hit", "user:2:stats");
    metrics.recordCache("miss", "global:catalogue");
    const text = await metrics.render();
    expect(text).toContain(`${NAME}_count{method="GET",route="/api/me",status_code="200"} 1\n`);
    expect(text).toContain(`${NAME}_bucket{le="0.005",method="GET",route="/api/me",status_code="200"} 1\n`);
    expect(text).toContain('maang_cache_hits_total{namespace="user"} 2\n');
    expect(text).toContain('maang_cache_misses_total{namespace="global"} 1\n');
    // a second scrape counts the same, not twice as much
    expect(await metrics.render()).toBe(text);
  });
});
