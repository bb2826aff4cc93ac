// `npm run bench -- cache`: the user's practice statistics (the attempts aggregate behind the dashboard)
// read from the cache vs computed by PostgreSQL, and single-flight under 100 concurrent misses.
// Uses DATABASE_URL / REDIS_URL when set (the numbers that matter), the embedded defaults otherwise.
import { randomUUID } from "node:crypto";
import { eq, isNull } from "drizzle-orm";
import { type AppContext, createAppContext } from "../src/app-context.js";
import type { Cache } from "../src/cache/cache.js";
import { createCache } from "../src/cache/create-cache.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { attempts, problems, users } from "../src/database/schema.js";
import { printTable, summarize, time } from "./lib.js";

const ATTEMPTS = 600;
const CONCURRENT_MISSES = 100;
const ROUNDS = 10;

async function seedLearner(ctx: AppContext): Promise<number> {
  const user = await ctx.users.signup({ email: `bench-${randomUUID()}@bench.example`, password: "bench password 1" });
  const catalogue = await ctx.db.select({ id: problems.id }).from(problems).where(isNull(problems.ownerUserId));
  const now = Date.now();
  const outcomes = ["solved", "solved", "solved", "failed", "gave_up"];
  const rows = Array.from({ length: ATTEMPTS }, (_, i) => ({
    userId: user.id,
    problemId: catalogue[(i * 7) % catalogue.length].id,
    outcome: outcomes[i % outcomes.length],
    rating: (i % 4) + 1,
    minutes: 10 + (i % 50),
    language: ["python", "typescript", "java"][i % 3],
    attemptedAt: new Date(now - (i % 120) * 86_400_000 - i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insert(attempts).values(rows.slice(i, i + 200));
  return user.id;
}

/** 100 callers miss the same key together; returns how many loads ran and how long the burst took. */
async function burst(caches: Cache[], load: () => Promise<unknown>) {
  const key = `bench:burst:${randomUUID()}`;
  let loads = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENT_MISSES }, (_, i) =>
      caches[i % caches.length].getOrLoad(key, { ttlSeconds: 60 }, () => {
        loads++;
        return load();
      }),
    ),
  );
  return { loads, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export async function run(): Promise<void> {
  const env = readEnvironment();
  const settings = settingsFrom({
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    DATA_DIR: ":memory:",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    JOBS_MODE: "inline",
    EMBEDDING_PROVIDER: "offline",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  const second = await createCache(settings, ctx.logger);
  let userId: number | undefined;
  try {
    console.log(
      `backends: database=${ctx.database.kind} (${ctx.database.location}), cache=${ctx.cache.kind}` +
        (ctx.cache.kind === "memory" ? " — set DATABASE_URL and REDIS_URL for the production numbers" : ""),
    );
    const learner = await seedLearner(ctx);
    userId = learner;
    const fromDatabase = await time(() => ctx.tracking.computeStats(learner), 200);
    await ctx.tracking.stats(learner);
    const fromCache = await time(() => ctx.tracking.stats(learner), 2000);
    printTable(`User statistics (${ATTEMPTS} attempts): cache vs database`, [
      {
        read: `database (${ctx.database.kind})`,
        n: fromDatabase.n,
        p50_ms: fromDatabase.p50,
        p95_ms: fromDatabase.p95,
      },
      { read: `cache (${ctx.cache.kind}, hit)`, n: fromCache.n, p50_ms: fromCache.p50, p95_ms: fromCache.p95 },
      {
        read: "speed-up (database / cache)",
        n: "",
        p50_ms: `${(fromDatabase.p50 / fromCache.p50).toFixed(1)}x`,
        p95_ms: `${(fromDatabase.p95 / fromCache.p95).toFixed(1)}x`,
      },
    ]);

    const load = () => ctx.tracking.computeStats(learner);
    const rows = [];
    const scenarios: [string, () => Promise<{ loads: number; ms: number }>][] = [
      [
        "no cache: every caller queries",
        async () => {
          const start = process.hrtime.bigint();
          await Promise.all(Array.from({ length: CONCURRENT_MISSES }, load));
          return { loads: CONCURRENT_MISSES, ms: Number(process.hrtime.bigint() - start) / 1e6 };
        },
      ],
      [`getOrLoad, one ${ctx.cache.kind} cache`, () => burst([ctx.cache], load)],
    ];
    if (second.kind === "redis")
      scenarios.push(["getOrLoad, two redis caches (2 processes)", () => burst([ctx.cache, second], load)]);
    for (const [scenario, once] of scenarios) {
      const results = [];
      for (let i = 0; i < ROUNDS; i++) results.push(await once());
      const latency = summarize(results.map((r) => r.ms));
      rows.push({
        scenario,
        callers: CONCURRENT_MISSES,
        rounds: ROUNDS,
        loads_per_round_max: Math.max(...results.map((r) => r.loads)),
        burst_p50_ms: latency.p50,
        burst_p95_ms: latency.p95,
      });
    }
    printTable(`Single-flight: ${CONCURRENT_MISSES} concurrent misses on one key`, rows);
  } finally {
    if (userId !== undefined) await ctx.db.delete(users).where(eq(users.id, userId));
    await second.close();
    await ctx.close();
  }
}
