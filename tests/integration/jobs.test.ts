// Background jobs: inline in-process, and through BullMQ on Redis consumed by `maang worker` in another
// process. The Redis part uses REDIS_URL when set, else a private redis-server, and a queue prefix of its
// own so parallel runs never take each other's jobs.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { settingsFrom } from "../../src/config/settings.js";
import { createJobQueue } from "../../src/jobs/create-job-queue.js";
import type { JobQueue } from "../../src/jobs/queue.js";
import { type RunningWorkers, startWorkers } from "../../src/jobs/workers.js";
import { createTestContext, testEnv } from "../helpers/context.js";
import { freePort, type Started, startMaang, waitForHttp } from "../helpers/process.js";
import { hasRedisServer, type OwnRedis, ownRedis } from "../helpers/redis-server.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const silent = pino({ level: "silent" });

async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(100);
  }
}

describe("inline jobs", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await createTestContext({ REDIS_URL: undefined, JOBS_MODE: "auto" });
  });
  afterAll(async () => ctx?.close());

  it("runs an invalidate-cache job in the process through the registered handler", async () => {
    expect(ctx.jobs.mode).toBe("inline");
    const tag = `user:${randomUUID()}`;
    await ctx.cache.set("user:1:stats", { solved: 3 }, { tags: [tag] });
    await ctx.cache.set("user:1:streak", 5);
    await ctx.jobs.enqueue("invalidate-cache", { tags: [tag] }, { delayMs: 100 });
    expect((await ctx.jobs.depth())["invalidate-cache"]).toBe(1);
    await ctx.jobs.drain();
    expect((await ctx.jobs.depth())["invalidate-cache"]).toBe(0);
    expect(await ctx.cache.get("user:1:stats")).toBeUndefined();
    expect(await ctx.cache.get("user:1:streak")).toBe(5);
  });
});

/** Removes this run's queues from a shared Redis (BullMQ keys do not expire by themselves). */
async function forgetKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    for (const pattern of [`${prefix}:*`, `${prefix}-retry:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
}

const canUseRedis = Boolean(process.env.REDIS_URL) || hasRedisServer;

describe.skipIf(!canUseRedis)("jobs on Redis", () => {
  let own: OwnRedis | undefined;
  let redisUrl: string;
  const prefix = `test-${randomUUID().slice(0, 8)}`;
  let ctx: AppContext;
  let worker: Started | undefined;

  beforeAll(async () => {
    if (!process.env.REDIS_URL) own = await ownRedis();
    redisUrl = process.env.REDIS_URL ?? own?.url ?? "";
    ctx = await createTestContext({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, JOBS_MODE: "auto" });
  });

  afterAll(async () => {
    await worker?.stop();
    await ctx?.close();
    if (own) await own.kill();
    else await forgetKeys(redisUrl, prefix);
  });

  it("leaves the job to `maang worker` in another process, which runs it and stops cleanly on SIGTERM", async () => {
    expect(ctx.jobs.mode).toBe("redis");
    expect(ctx.cache.kind).toBe("redis");
    const tag = `user:${randomUUID()}`;
    const key = `user:${randomUUID()}:stats`;
    await ctx.cache.set(key, { solved: 3 }, { tags: [tag] });
    await ctx.jobs.enqueue("invalidate-cache", { tags: [tag] });
    // the same id twice while the first is still waiting: one job
    await ctx.jobs.enqueue("invalidate-cache", { keys: ["user:0:none"] }, { jobId: "nightly" });
    await ctx.jobs.enqueue("invalidate-cache", { keys: ["user:0:none"] }, { jobId: "nightly" });
    expect((await ctx.jobs.depth())["invalidate-cache"]).toBe(2);

    // the API process does not consume in Redis mode
    await sleep(500);
    expect(await ctx.cache.get(key)).toEqual({ solved: 3 });

    const healthPort = await freePort();
    worker = startMaang(["worker", "--health-port", String(healthPort), "--health-host", "127.0.0.1"], {
      ...testEnv({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix, JOBS_MODE: "auto", LOG_LEVEL: "info" }),
      LOG_FORMAT: "json",
    } as Record<string, string | undefined>);
    const health = await waitForHttp(`http://127.0.0.1:${healthPort}/healthz`, worker, 240_000);
    expect(await health.json()).toMatchObject({ status: "ok", queues: expect.arrayContaining(["invalidate-cache"]) });

    await eventually(async () => (await ctx.cache.get(key)) === undefined, 60_000);
    await eventually(async () => (await ctx.jobs.depth())["invalidate-cache"] === 0, 60_000);
    const after = await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json();
    expect(after).toMatchObject({ completed: 2, failed: 0 });

    // SIGTERM: the worker finishes what it runs, closes its connections and exits 0 (however long a busy machine takes)
    const exited = new Promise<number | null>((resolve) => worker?.child.once("exit", (code) => resolve(code)));
    worker.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(worker.output()).toContain("worker stopped");
  }, 360_000); // a fresh process compiles the CLI with tsx and opens its database: slow on a busy machine

  describe("retries", () => {
    let queue: JobQueue;
    let workers: RunningWorkers | undefined;
    afterAll(async () => {
      await workers?.close();
      await queue?.close();
    });

    it("retries a failing job with backoff until it succeeds, and gives up after its attempts", async () => {
      const settings = settingsFrom({ REDIS_URL: redisUrl, REDIS_PREFIX: `${prefix}-retry` });
      queue = createJobQueue(settings, silent);
      const calls: string[] = [];
      queue.registerHandler("leetcode-sync", async (data) => {
        const { user } = data as { user: string };
        calls.push(user);
        if (user === "never" || calls.filter((c) => c === user).length < 2) throw new Error(`sync failed for ${user}`);
      });
      workers = startWorkers(queue, { concurrency: 2, logger: silent });
      await queue.enqueue("leetcode-sync", { user: "flaky" });
      await queue.enqueue("leetcode-sync", { user: "never" }, { attempts: 2 });
      await eventually(async () => workers?.processed.completed === 1 && workers.processed.failed === 1);
      expect(calls.filter((c) => c === "flaky")).toHaveLength(2);
      expect(calls.filter((c) => c === "never")).toHaveLength(2);
    });
  });
});

describe.skipIf(!hasRedisServer)("jobs when Redis restarts", () => {
  let own: OwnRedis;
  let queue: JobQueue | undefined;
  let workers: RunningWorkers | undefined;

  afterAll(async () => {
    await workers?.close();
    await queue?.close();
    await own?.kill();
  });

  it("keeps consuming after Redis comes back, with one warning for the outage", async () => {
    own = await ownRedis();
    const warnings: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => warnings.push(JSON.parse(line).msg) });
    queue = createJobQueue(settingsFrom({ REDIS_URL: own.url, REDIS_PREFIX: "restart" }), logger);
    const synced: string[] = [];
    queue.registerHandler("leetcode-sync", async (data) => {
      synced.push((data as { user: string }).user);
    });
    workers = startWorkers(queue, { concurrency: 1, logger });
    await queue.enqueue("leetcode-sync", { user: "before" });
    await eventually(async () => synced.includes("before"));

    await own.kill();
    await sleep(1500);
    // While Redis is down the job is not lost and the request does not fail: it runs in this process.
    await queue.enqueue("leetcode-sync", { user: "during" });
    await queue.drain();
    expect(synced).toContain("during");
    await own.start();
    await eventually(async () => {
      try {
        await queue?.depth();
        return true;
      } catch {
        return false;
      }
    });
    await queue.enqueue("leetcode-sync", { user: "after" }, { jobId: "after" });
    await eventually(async () => synced.includes("after"));
    expect(workers.healthy()).toBe(true);
    expect(warnings.filter((w) => w.startsWith("job workers lost Redis"))).toHaveLength(1);
  });
});
