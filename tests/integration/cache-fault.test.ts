// The cache never takes the app down: with its own redis-server (never the shared one), this file kills
// Redis mid-run, pauses it (a slow Redis), and checks every read falls through to the loader, one warning
// per outage, and that the cache fills again — without stale entries — when Redis returns.
import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "../../src/cache/cache.js";
import { createCache } from "../../src/cache/create-cache.js";
import { settingsFrom } from "../../src/config/settings.js";
import { createMetrics } from "../../src/metrics/metrics.js";
import { hasRedisServer, type OwnRedis, ownRedis } from "../helpers/redis-server.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/** Calls `probe` until it returns true (Redis reconnects in the background within ~2 s). */
async function eventually(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(100);
  }
}

describe.skipIf(!hasRedisServer)("cache when Redis fails", () => {
  let redis: OwnRedis;
  let cache: Cache;
  const log = capturingLogger();
  const warnings = () => log.lines.filter((l) => l.level === 40).map((l) => l.msg);

  beforeAll(async () => {
    redis = await ownRedis();
    cache = await createCache(settingsFrom({ REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "300" }), log.logger);
  });

  afterAll(async () => {
    await cache?.close();
    await redis?.kill();
  });

  it("serves every read from the loader while Redis is dead, warns once, and fills again after a restart", async () => {
    const key = `global:catalogue:${randomUUID()}`;
    let loads = 0;
    const loader = async () => {
      loads++;
      return { problems: 150 };
    };
    expect(await cache.getOrLoad(key, { tags: ["catalogue"] }, loader)).toEqual({ problems: 150 });
    expect(await cache.getOrLoad(key, {}, loader)).toEqual({ problems: 150 });
    expect(loads).toBe(1);

    await redis.kill();
    const results = [];
    for (let i = 0; i < 100; i++) {
      results.push(await cache.getOrLoad(key, { tags: ["catalogue"] }, loader));
      if (i % 10 === 0) {
        await cache.set(`${key}:other`, i);
        await cache.invalidateTags("catalogue");
      }
    }
    expect(results).toHaveLength(100);
    expect(results.every((r) => r.problems === 150)).toBe(true);
    expect(loads).toBe(101);
    expect(warnings()).toEqual([
      "Redis cache unavailable: reading from the database and skipping cache writes until it returns",
    ]);
    expect(log.lines.some((l) => l.level >= 50)).toBe(false);

    await redis.start();
    await eventually(async () => {
      const before = loads;
      await cache.getOrLoad(key, {}, loader);
      await cache.getOrLoad(key, {}, loader);
      return loads === before + 1 || loads === before;
    });
    const settled = loads;
    for (let i = 0; i < 10; i++) await cache.getOrLoad(key, {}, loader);
    expect(loads).toBe(settled);
    expect(log.lines.some((l) => l.msg === "Redis cache is back")).toBe(true);
    expect(warnings()).toHaveLength(1);
  });

  it("treats a Redis too slow to answer as an outage and replays the invalidations it missed", async () => {
    await eventually(async () => {
      await cache.get("global:probe");
      return (cache as unknown as { available: boolean }).available;
    });
    const warningsBefore = warnings().length;
    const tag = `user:${randomUUID()}`;
    const key = `user:stats:${randomUUID()}`;
    await cache.set(key, { solved: 1 }, { tags: [tag] });

    const admin = new Redis(redis.url);
    await admin.call("CLIENT", "PAUSE", "1500", "ALL");
    // the first command times out (300 ms) and opens the outage; the invalidation is then skipped
    expect(await cache.get("global:slow")).toBeUndefined();
    await cache.invalidateTags(tag);
    expect(await cache.get(key)).toBeUndefined();
    expect(warnings()).toHaveLength(warningsBefore + 1);

    await sleep(1800);
    let solved = 0;
    await eventually(async () => {
      solved = (await cache.getOrLoad(key, { tags: [tag] }, async () => ({ solved: 2 }))).solved;
      return (cache as unknown as { available: boolean }).available;
    });
    // without the replay, the entry written before the pause ({ solved: 1 }) would be served again
    expect(await cache.get(key)).toEqual({ solved: 2 });
    expect(solved).toBe(2);
    admin.disconnect();
  });

  it("starts with Redis down, serves from the loader, and picks Redis up when it appears", async () => {
    const late = await ownRedis();
    await late.kill();
    const logged = capturingLogger();
    const metrics = createMetrics({ processMetrics: false });
    const lateCache = await createCache(
      settingsFrom({ REDIS_URL: late.url, REDIS_TIMEOUT_MS: "300" }),
      logged.logger,
      metrics,
    );
    try {
      let loads = 0;
      const loader = async () => ++loads;
      for (let i = 0; i < 5; i++) await lateCache.getOrLoad("global:late", {}, loader);
      expect(loads).toBe(5);
      expect(logged.lines.filter((l) => l.level === 40)).toHaveLength(1);
      expect(await metrics.render()).toMatch(/maang_cache_errors_total\{namespace="global"\} [1-9]/);

      await late.start();
      await eventually(async () => {
        await lateCache.getOrLoad("global:late", {}, loader);
        const before = loads;
        await lateCache.getOrLoad("global:late", {}, loader);
        return loads === before;
      });
      expect(logged.lines.filter((l) => l.level === 40)).toHaveLength(1);
    } finally {
      await lateCache.close();
      await late.kill();
    }
  });
});
