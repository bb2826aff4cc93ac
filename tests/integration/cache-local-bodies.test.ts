// Each API process keeps its own copy of cached response bodies (GET /api/stats) in front of Redis. This
// file attacks the one thing that could go wrong: a copy outliving the value it copies. Two caches stand
// for two API processes on one private redis-server; the copies live 60 s here, so only the change
// messages (never the copies' own expiry) can make a test pass.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "../../src/cache/cache.js";
import { createCache } from "../../src/cache/create-cache.js";
import { settingsFrom } from "../../src/config/settings.js";
import { hasRedisServer, type OwnRedis, ownRedis } from "../helpers/redis-server.js";

const silent = pino({ level: "silent" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads until `expected` comes back; fails after 8 s (the copies would live 60 s). */
async function eventually(read: () => Promise<string>, expected: string): Promise<void> {
  const deadline = Date.now() + 8_000;
  let last = await read();
  while (last !== expected) {
    if (Date.now() > deadline) throw new Error(`still ${last}, expected ${expected}`);
    await sleep(20);
    last = await read();
  }
}

describe.skipIf(!hasRedisServer)("in-process copies of cached bodies", () => {
  let redis: OwnRedis;
  let raw: Redis;
  const opened: Cache[] = [];
  const prefix = "maang:v1:";

  async function process(): Promise<Cache> {
    const cache = await createCache(
      settingsFrom({ REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "3000", CACHE_LOCAL_TTL_MS: "60000" }),
      silent,
    );
    opened.push(cache);
    return cache;
  }

  beforeAll(async () => {
    redis = await ownRedis();
    raw = new Redis(redis.url);
  });

  afterAll(async () => {
    for (const cache of opened) await cache.close();
    raw?.disconnect();
    await redis?.kill();
  });

  it("serves its own copy without asking Redis, and drops it when another process invalidates the tag", async () => {
    const [a, b] = [await process(), await process()];
    const key = `user:1:stats:${randomUUID()}`;
    const tag = `user:${randomUUID()}`;
    let version = 0;
    const read = (cache: Cache) => cache.getOrLoadJson(key, { tags: [tag] }, async () => ({ version: ++version }));

    expect(await read(a)).toBe('{"version":1}');
    expect(await read(a)).toBe('{"version":1}'); // from Redis, now copied
    expect(a.peekJson?.(key, [tag])).toBe('{"version":1}'); // the copy, without a promise
    expect(b.peekJson?.(key, [tag])).toBeUndefined(); // b has read nothing yet
    // Redis changed behind the cache's back (no message): a still answers from its copy, b from Redis
    await raw.set(prefix + key, '{"version":"changed in Redis"}');
    expect(await read(a)).toBe('{"version":1}');
    expect(await read(b)).toBe('{"version":"changed in Redis"}');

    await b.invalidateTags(tag);
    await eventually(() => read(a), '{"version":2}');
    expect(version).toBe(2);
  });

  it("a write's own process reads the new value at once, before Redis has answered", async () => {
    const a = await process();
    const key = `user:2:stats:${randomUUID()}`;
    const tag = `user:${randomUUID()}`;
    let version = 0;
    const read = () => a.getOrLoadJson(key, { tags: [tag] }, async () => ({ version: ++version }));
    await read();
    await read();
    expect(await read()).toBe('{"version":1}');
    a.invalidateTagsInBackground(tag);
    expect(await read()).toBe('{"version":2}');
  });

  it("keeps no copy while its change channel is down, and copies again once it is back", async () => {
    const a = await process();
    const key = `user:3:stats:${randomUUID()}`;
    const tag = `user:${randomUUID()}`;
    const read = () => a.getOrLoadJson(key, { tags: [tag] }, async () => ({ version: "loaded" }));
    await read();
    expect(await read()).toBe('{"version":"loaded"}');
    await raw.set(prefix + key, '{"version":"v2"}');
    expect(await read()).toBe('{"version":"loaded"}'); // its copy

    // The subscription's connection dies and cannot come back (Redis now wants a password; the cache's own
    // connection, already in, goes on working): a message could be missed, so the copy must go at once.
    await raw.config("SET", "requirepass", "only-the-old-connections");
    try {
      await raw.call("CLIENT", "KILL", "TYPE", "pubsub");
      await eventually(read, '{"version":"v2"}');
      await raw.set(prefix + key, '{"version":"v3"}');
      expect(await read()).toBe('{"version":"v3"}');
      await raw.set(prefix + key, '{"version":"v2"}');
    } finally {
      await raw.config("SET", "requirepass", "");
    }

    // once subscribed again it copies again: a change in Redis without a message is not seen. Each probe
    // takes a new key, so a copy made by a probe's second read (of the changed value) cannot fool the next.
    await eventually(async () => {
      const probe = `user:3:stats:${randomUUID()}`;
      await raw.set(prefix + probe, '"first"');
      const readProbe = () => a.getOrLoadJson(probe, { tags: [tag] }, async () => "loaded");
      await readProbe();
      await raw.set(prefix + probe, '"changed in Redis"');
      return readProbe();
    }, '"first"');
  });

  it("another process's tagged write of the same key replaces the copy", async () => {
    const [a, b] = [await process(), await process()];
    const key = `user:4:stats:${randomUUID()}`;
    const tag = `user:${randomUUID()}`;
    await a.getOrLoadJson(key, { tags: [tag] }, async () => ({ v: 1 }));
    expect(await a.getOrLoadJson(key, { tags: [tag] }, async () => ({ v: "never" }))).toBe('{"v":1}');
    await b.set(key, { v: 2 }, { tags: [tag] });
    await eventually(() => a.getOrLoadJson(key, { tags: [tag] }, async () => ({ v: "never" })), '{"v":2}');
  });

  it("with a Redis user that may not use pub/sub, keeps no copies and still invalidates", async () => {
    await raw.call("ACL", "SETUSER", "no-pubsub", "on", ">no-pubsub-password", "~*", "&*", "+@all", "-@pubsub");
    const url = new URL(redis.url);
    url.username = "no-pubsub";
    url.password = "no-pubsub-password";
    const warnings: string[] = [];
    const logger = pino(
      { level: "warn" },
      { write: (line: string) => void warnings.push(JSON.parse(line).msg as string) },
    );
    const limited = await createCache(
      settingsFrom({ REDIS_URL: url.toString(), REDIS_TIMEOUT_MS: "3000", CACHE_LOCAL_TTL_MS: "60000" }),
      logger,
    );
    opened.push(limited);
    const key = `user:5:stats:${randomUUID()}`;
    const tag = `user:${randomUUID()}`;
    let version = 0;
    const read = () => limited.getOrLoadJson(key, { tags: [tag] }, async () => ({ version: ++version }));
    expect(await read()).toBe('{"version":1}');
    expect(await read()).toBe('{"version":1}');
    await raw.set(prefix + key, '{"version":"changed in Redis"}');
    expect(await read()).toBe('{"version":"changed in Redis"}'); // no copy: it asked Redis
    await limited.invalidateTags(tag); // the script's PUBLISH is refused; the keys still go
    expect(await raw.exists(prefix + key)).toBe(0);
    expect(await read()).toBe('{"version":2}');
    // the cache's commands never failed (a refused PUBLISH inside the scripts would have been reported);
    // the only warning is the change channel's, once
    expect(warnings.filter((w) => w.startsWith("Redis cache"))).toEqual([]);
    expect(warnings.filter((w) => w.startsWith("cache change channel"))).toHaveLength(1);
  });
});
