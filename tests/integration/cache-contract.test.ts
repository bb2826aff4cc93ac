// The Cache contract, run against both implementations: the in-process LRU and Redis (a private
// redis-server started by this file, so it runs in the embedded CI run too).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_PREFIX, type Cache } from "../../src/cache/cache.js";
import { createCache } from "../../src/cache/create-cache.js";
import { MemoryCache } from "../../src/cache/memory-cache.js";
import { settingsFrom } from "../../src/config/settings.js";
import { hasRedisServer, type OwnRedis, ownRedis } from "../helpers/redis-server.js";

const silent = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (label: string) => `test:${label}:${randomUUID().slice(0, 8)}`;

let redis: OwnRedis | undefined;
const opened: Cache[] = [];

beforeAll(async () => {
  if (hasRedisServer) redis = await ownRedis();
});

afterAll(async () => {
  for (const cache of opened) await cache.close();
  await redis?.kill();
});

async function redisCache(): Promise<Cache> {
  if (!redis) throw new Error("no redis-server");
  // A generous timeout: this machine is shared, and a slow command would count as an outage.
  const settings = settingsFrom({ REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "3000" });
  const cache = await createCache(settings, silent);
  opened.push(cache);
  return cache;
}

const implementations: { name: string; available: boolean; make: () => Promise<Cache> }[] = [
  { name: "memory", available: true, make: async () => new MemoryCache({ maxEntries: 1000, defaultTtlSeconds: 60 }) },
  { name: "redis", available: hasRedisServer, make: redisCache },
];

for (const impl of implementations) {
  describe.skipIf(!impl.available)(`${impl.name} cache`, () => {
    let cache: Cache;
    beforeAll(async () => {
      cache = await impl.make();
      expect(cache.kind).toBe(impl.name);
    });

    it("returns undefined for a key never written", async () => {
      expect(await cache.get(key("never"))).toBeUndefined();
      expect(await cache.getBuffer(key("never"))).toBeUndefined();
    });

    it("gives back JSON values as JSON would (dates become ISO strings)", async () => {
      const k = key("json");
      const at = new Date("2026-01-02T03:04:05.000Z");
      await cache.set(k, { solved: 42, topics: ["graphs", "dp"], streak: null, ok: true, at });
      expect(await cache.get(k)).toEqual({
        solved: 42,
        topics: ["graphs", "dp"],
        streak: null,
        ok: true,
        at: "2026-01-02T03:04:05.000Z",
      });
      await cache.set(k, 0);
      expect(await cache.get(k)).toBe(0);
    });

    it("keeps binary values byte for byte (embedding vectors)", async () => {
      const k = key("vector");
      const vector = new Float32Array([0.25, -1.5, 3.125, 0, Number.MAX_VALUE]);
      const bytes = Buffer.concat([Buffer.from(vector.buffer), Buffer.from([0, 255, 10, 13])]);
      await cache.setBuffer(k, bytes);
      const back = await cache.getBuffer(k);
      expect(back?.equals(bytes)).toBe(true);
      expect(Array.from(new Float32Array(new Uint8Array(back ?? Buffer.alloc(0)).buffer.slice(0, 20)))).toEqual(
        Array.from(vector),
      );
    });

    it("forgets a value once its TTL has passed", async () => {
      const k = key("ttl");
      await cache.set(k, "soon gone", { ttlSeconds: 1 });
      expect(await cache.get(k)).toBe("soon gone");
      await sleep(1300);
      expect(await cache.get(k)).toBeUndefined();
    });

    it("deletes keys", async () => {
      const [a, b] = [key("del"), key("del")];
      await cache.set(a, 1);
      await cache.set(b, 2);
      await cache.delete(a);
      expect(await cache.get(a)).toBeUndefined();
      expect(await cache.get(b)).toBe(2);
    });

    it("drops every key written with a tag, and only those", async () => {
      const [tagA, tagB] = [`user:${randomUUID()}`, `user:${randomUUID()}`];
      const [a, ab, b, none] = [key("tag"), key("tag"), key("tag"), key("tag")];
      await cache.set(a, "a", { tags: [tagA] });
      await cache.set(ab, "ab", { tags: [tagA, tagB] });
      await cache.set(b, "b", { tags: [tagB] });
      await cache.set(none, "none");
      await cache.invalidateTags(tagA);
      expect(await cache.get(a)).toBeUndefined();
      expect(await cache.get(ab)).toBeUndefined();
      expect(await cache.get(b)).toBe("b");
      expect(await cache.get(none)).toBe("none");
      await cache.invalidateTags(tagB);
      expect(await cache.get(b)).toBeUndefined();
    });

    it("runs the loader once for 50 concurrent getOrLoad calls on a cold key", async () => {
      const k = key("flight");
      let calls = 0;
      const loader = async () => {
        calls++;
        await sleep(100);
        return { attempts: 7, topics: ["trees"] };
      };
      // the first caller changes its result as soon as it has it: no other caller may see that
      const first = cache.getOrLoad(k, {}, loader).then((r) => {
        r.topics.push("mutated");
        return r;
      });
      const others = Array.from({ length: 49 }, () => cache.getOrLoad(k, {}, loader));
      const results = await Promise.all([first, ...others]);
      expect(calls).toBe(1);
      expect(results[0].topics).toEqual(["trees", "mutated"]);
      expect(results.slice(1).every((r) => r.attempts === 7 && r.topics.join() === "trees")).toBe(true);
      expect(await cache.getOrLoad(k, {}, loader)).toEqual({ attempts: 7, topics: ["trees"] });
      expect(calls).toBe(1);
    });

    it("does not cache a loader's failure or an undefined result", async () => {
      const k = key("fail");
      await expect(
        cache.getOrLoad(k, {}, async () => {
          throw new Error("database is down");
        }),
      ).rejects.toThrow("database is down");
      expect(await cache.getOrLoad(k, {}, async () => undefined)).toBeUndefined();
      expect(await cache.getOrLoad(k, {}, async () => "loaded")).toBe("loaded");
    });

    it("invalidates a getOrLoad value through its tags", async () => {
      const k = key("tagged-load");
      const tag = `user:${randomUUID()}`;
      let version = 1;
      const load = () => cache.getOrLoad(k, { tags: [tag] }, async () => version);
      expect(await load()).toBe(1);
      version = 2;
      expect(await load()).toBe(1);
      await cache.invalidateTags(tag);
      expect(await load()).toBe(2);
    });

    it("gives back a response body as the JSON text it stored, loading it once", async () => {
      const k = key("json-body");
      let loads = 0;
      const body = { totalAttempts: 3, when: new Date("2026-01-02T03:04:05Z"), topics: ["graphs", "dp"] };
      const load = () =>
        cache.getOrLoadJson(k, { tags: [`user:${randomUUID()}`] }, async () => {
          loads++;
          return body;
        });
      const first = await load();
      expect(first).toBe(JSON.stringify(body));
      expect(await load()).toBe(first);
      expect(loads).toBe(1);
    });

    it("peeks only at the body a read would answer, never one whose tag was invalidated", async () => {
      const k = key("peek");
      const tag = `user:${randomUUID()}`;
      let version = 1;
      const load = () => cache.getOrLoadJson(k, { tags: [tag] }, async () => ({ version }));
      expect(cache.peekJson?.(k, [tag])).toBeUndefined();
      await load();
      await load();
      // the in-process cache holds it; Redis answers it from this process's copy when it keeps one
      const held = cache.peekJson?.(k, [tag]);
      if (impl.name === "memory") expect(held).toBe('{"version":1}');
      else expect([undefined, '{"version":1}']).toContain(held);
      version = 2;
      cache.invalidateTagsInBackground(tag);
      expect(cache.peekJson?.(k, [tag])).toBeUndefined();
      expect(await load()).toBe('{"version":2}');
      expect([undefined, '{"version":2}']).toContain(cache.peekJson?.(k, [tag]));
    });

    it("a read right after a background invalidation of its tag gets the new value", async () => {
      const k = key("background-invalidation");
      const tag = `user:${randomUUID()}`;
      let version = 1;
      const load = () => cache.getOrLoadJson(k, { tags: [tag] }, async () => ({ version }));
      expect(JSON.parse(await load())).toEqual({ version: 1 });
      version = 2;
      cache.invalidateTagsInBackground(tag);
      expect(JSON.parse(await load())).toEqual({ version: 2 });
      version = 3;
      cache.invalidateTagsInBackground(tag);
      expect(await cache.getOrLoad(k, { tags: [tag] }, async () => ({ version }))).toEqual({ version: 3 });
    });
  });
}

describe.skipIf(!hasRedisServer)("redis cache across processes", () => {
  it("stores keys under the maang:v1: namespace", async () => {
    const cache = await redisCache();
    const k = key("namespace");
    await cache.set(k, { v: 1 });
    const raw = new Redis(redis?.url ?? "");
    try {
      expect(await raw.get(`${CACHE_PREFIX}${k}`)).toBe('{"v":1}');
      expect(await raw.get(k)).toBeNull();
      expect(CACHE_PREFIX).toBe("maang:v1:");
      // another deployment on the same Redis (REDIS_PREFIX=other) never reads this one's entries
      const other = await createCache(settingsFrom({ REDIS_URL: redis?.url, REDIS_PREFIX: "other" }), silent);
      opened.push(other);
      expect(await other.get(k)).toBeUndefined();
      await other.set(k, { v: 2 });
      expect(await raw.get(`other:v1:${k}`)).toBe('{"v":2}');
      expect(await cache.get(k)).toEqual({ v: 1 });
    } finally {
      raw.disconnect();
    }
  });

  it("runs the loader once when two cache instances miss the same key together", async () => {
    const [first, second] = [await redisCache(), await redisCache()];
    const k = key("two-processes");
    let calls = 0;
    const loader = async () => {
      calls++;
      await sleep(300);
      return "stats";
    };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second).getOrLoad(k, {}, loader)),
    );
    expect(results.every((r) => r === "stats")).toBe(true);
    // The lock (5 s) outlives the 300 ms loader, so the other instance waits for the value instead of loading.
    expect(calls).toBe(1);
  });
});
