// Pure pieces of the Redis layer: which requests are rate limited, metric namespaces, reconnect
// backoff, TTL jitter, and the settings that choose Redis or inline jobs.
import { describe, expect, it } from "vitest";
import { limitFor } from "../../src/api/rate-limit.js";
import { withJitter } from "../../src/cache/cache.js";
import { reconnectDelay } from "../../src/cache/redis-connection.js";
import { settingsFrom } from "../../src/config/settings.js";
import { cacheNamespace } from "../../src/metrics/metrics.js";

describe("rate-limit routes", () => {
  it("gives login and signup the login budget and other API writes the write budget", () => {
    expect(limitFor("POST", "/api/auth/login")).toBe("login");
    expect(limitFor("POST", "/api/auth/signup")).toBe("login");
    expect(limitFor("POST", "/api/auth/logout")).toBe("write");
    expect(limitFor("PATCH", "/api/me/settings")).toBe("write");
    expect(limitFor("DELETE", "/api/tokens/:id")).toBe("write");
    expect(limitFor("PUT", "/api/problems/:slug/note")).toBe("write");
  });

  it("never limits reads, pages outside /api, or unknown routes", () => {
    expect(limitFor("GET", "/api/me")).toBeUndefined();
    expect(limitFor("HEAD", "/api/me")).toBeUndefined();
    expect(limitFor("POST", "/healthz")).toBeUndefined();
    expect(limitFor("POST", undefined)).toBeUndefined();
  });

  it("counts MCP calls against the write budget", () => {
    expect(limitFor("POST", "/mcp")).toBe("write");
  });
});

describe("cache metrics namespace", () => {
  it("is the key's first segment", () => {
    expect(cacheNamespace("user:42:stats")).toBe("user");
    expect(cacheNamespace("global:catalogue")).toBe("global");
    expect(cacheNamespace("plain")).toBe("plain");
  });
});

describe("Redis reconnects", () => {
  it("back off from 100 ms, doubling, to at most 2 s, and never give up", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(reconnectDelay)).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
  });
});

describe("TTL jitter", () => {
  it("adds up to 10 % so keys written together do not expire together", () => {
    expect(withJitter(300, () => 0)).toBe(300);
    expect(withJitter(300, () => 0.5)).toBe(315);
    expect(withJitter(300, () => 0.999)).toBe(330);
    expect(withJitter(1, () => 0.999)).toBe(1);
  });
});

describe("jobs mode", () => {
  it("uses Redis when REDIS_URL is set, inline otherwise, unless JOBS_MODE says", () => {
    expect(settingsFrom({}).jobs.mode).toBe("inline");
    expect(settingsFrom({ REDIS_URL: "redis://127.0.0.1:6379" }).jobs.mode).toBe("redis");
    expect(settingsFrom({ REDIS_URL: "redis://127.0.0.1:6379", JOBS_MODE: "inline" }).jobs.mode).toBe("inline");
  });

  it("refuses JOBS_MODE=redis without REDIS_URL, and a REDIS_PREFIX with a colon", () => {
    expect(() => settingsFrom({ JOBS_MODE: "redis" })).toThrow(/JOBS_MODE is redis, which needs REDIS_URL/);
    expect(() => settingsFrom({ REDIS_PREFIX: "a:b" })).toThrow(/REDIS_PREFIX/);
    expect(settingsFrom({}).redis.prefix).toBe("maang");
  });
});
