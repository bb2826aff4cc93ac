// The rules of the in-process body copies that an integration test cannot time: a Redis read that raced a
// change is never kept, copies expire, the byte budget holds, `*` clears all. The subscription is a stand-in
// EventEmitter here; tests/integration/cache-local-bodies.test.ts runs the same class against redis-server.
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { changedKey, changedTag, EVERYTHING_CHANGED, LocalBodies } from "../../src/cache/local-bodies.js";

class Subscription extends EventEmitter {
  status = "ready";
  async subscribe() {
    return 1;
  }
  async quit() {
    this.status = "end";
    return "OK";
  }
  disconnect() {}
  deliver(message: string) {
    this.emit("message", "changes", message);
  }
}

async function bodies(options: { ttlMs?: number; maxBytes?: number; now?: () => number } = {}) {
  const subscription = new Subscription();
  const local = new LocalBodies(subscription as unknown as Redis, "changes", pino({ level: "silent" }), options);
  await local.start();
  return { local, subscription };
}

describe("local body copies", () => {
  it("keeps nothing until subscribed, then serves what it kept", async () => {
    const subscription = new Subscription();
    subscription.status = "wait";
    subscription.subscribe = async () => {
      throw new Error("not connected");
    };
    const local = new LocalBodies(subscription as unknown as Redis, "changes", pino({ level: "silent" }));
    local.keep("k", ["t"], "body", local.version("k", ["t"]));
    expect(local.get("k")).toBeUndefined();
    const { local: live } = await bodies();
    live.keep("k", ["t"], "body", live.version("k", ["t"]));
    expect(live.get("k")).toBe("body");
  });

  it("does not keep a read that a change of its tag or key overtook", async () => {
    const { local, subscription } = await bodies();
    const before = local.version("k", ["user:1"]);
    subscription.deliver(changedTag("user:1"));
    local.keep("k", ["user:1"], "old body", before);
    expect(local.get("k")).toBeUndefined();

    const again = local.version("k", ["user:1"]);
    subscription.deliver(changedKey("k"));
    local.keep("k", ["user:1"], "old body", again);
    expect(local.get("k")).toBeUndefined();

    // another user's change does not void it
    const other = local.version("k", ["user:1"]);
    subscription.deliver(changedTag("user:2"));
    local.keep("k", ["user:1"], "body", other);
    expect(local.get("k")).toBe("body");
  });

  it("drops by tag, by key and all at once, and after a lost subscription", async () => {
    const { local, subscription } = await bodies();
    const keep = (key: string, tag: string) => local.keep(key, [tag], key, local.version(key, [tag]));
    keep("a", "user:1");
    keep("b", "user:1");
    keep("c", "user:2");
    subscription.deliver(changedTag("user:1"));
    expect([local.get("a"), local.get("b"), local.get("c")]).toEqual([undefined, undefined, "c"]);
    subscription.deliver(changedKey("c"));
    expect(local.get("c")).toBeUndefined();
    keep("d", "user:3");
    subscription.deliver(EVERYTHING_CHANGED);
    expect(local.get("d")).toBeUndefined();

    keep("e", "user:4");
    const inFlight = local.version("f", ["user:5"]);
    subscription.emit("close");
    expect(local.get("e")).toBeUndefined();
    expect(local.active).toBe(false);
    subscription.emit("ready");
    await new Promise((r) => setImmediate(r));
    expect(local.active).toBe(true);
    // a read begun before the gap may have missed a message during it
    local.keep("f", ["user:5"], "f", inFlight);
    expect(local.get("f")).toBeUndefined();
  });

  it("expires copies and holds the byte budget, oldest out first", async () => {
    let now = 0;
    const { local } = await bodies({ ttlMs: 1_000, maxBytes: 8_000, now: () => now });
    const keep = (key: string, body: string, ttlMs?: number) =>
      local.keep(key, ["t"], body, local.version(key, ["t"]), ttlMs);
    keep("short", "x", 100);
    keep("a", "a".repeat(900));
    now = 150;
    expect(local.get("short")).toBeUndefined();
    expect(local.get("a")).toBe("a".repeat(900));
    for (const key of ["b", "c", "d", "e"]) keep(key, key.repeat(900)); // 5 × 1,800 bytes > 8,000: "a" goes
    expect(["a", "b", "c", "d", "e"].map((key) => local.get(key) !== undefined)).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    keep("huge", "h".repeat(1_001)); // more than a quarter of the budget: never kept
    expect(local.get("huge")).toBeUndefined();
    now = 1_200;
    expect(local.get("b")).toBeUndefined();
  });
});
