// `npm run bench -- practice`: the daily loop's costs — building the Today queue, and correcting an attempt
// (delete = replay the card's whole review log through FSRS) against logging one, for cards with a short
// and a long history. Uses DATABASE_URL / REDIS_URL when set, the embedded defaults otherwise.
import { randomUUID } from "node:crypto";
import { createAppContext } from "../src/app-context.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { printTable, summarize, time } from "./lib.js";

const ITERATIONS = 30;
const HISTORIES = [1, 10, 50];

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
  try {
    const user = await ctx.users.signup({ email: `bench-${randomUUID()}@bench.example`, password: "bench password 1" });
    const day = 86_400_000;
    const start = Date.now() - 400 * day;
    // 30 problems practised twice, so the queue has due reviews; then a plan on top
    const slugs = (await ctx.catalog.search(user.id, { limit: 30 })).items.map((p) => p.slug);
    for (const [i, slug] of slugs.entries()) {
      await ctx.tracking.logAttempt(user.id, {
        problem: slug,
        outcome: "solved",
        attemptedAt: new Date(start + i * day),
      });
      await ctx.tracking.logAttempt(user.id, {
        problem: slug,
        outcome: i % 3 ? "solved" : "failed",
        attemptedAt: new Date(start + (i + 40) * day),
      });
    }
    await ctx.roadmap.generatePlan(user.id, { weeks: 4 });
    const queue = await ctx.today.todayQueue(user.id);
    const rows: Record<string, unknown>[] = [];
    const today = await time(() => ctx.today.todayQueue(user.id), ITERATIONS);
    rows.push({ operation: `GET today (${queue.items.length} items)`, history: "-", ...today, ratio: 1 });

    for (const history of HISTORIES) {
      const slug = (await ctx.catalog.search(user.id, { status: "new", limit: 1, offset: history })).items[0]?.slug;
      if (!slug) throw new Error("no untried problem left for the benchmark");
      for (let i = 0; i < history; i++)
        await ctx.tracking.logAttempt(user.id, {
          problem: slug,
          outcome: "solved",
          attemptedAt: new Date(start + (100 + i * 5) * day),
        });
      // each round logs one attempt and deletes it again, so the card's history stays `history` long
      const logMs: number[] = [];
      const deleteMs: number[] = [];
      for (let i = 0; i < ITERATIONS + 3; i++) {
        const t0 = process.hrtime.bigint();
        const logged = await ctx.tracking.logAttempt(user.id, { problem: slug, outcome: "failed" });
        const t1 = process.hrtime.bigint();
        await ctx.tracking.deleteAttempt(user.id, logged.attempt.id);
        const t2 = process.hrtime.bigint();
        if (i < 3) continue; // warm-up
        logMs.push(Number(t1 - t0) / 1e6);
        deleteMs.push(Number(t2 - t1) / 1e6);
      }
      const logged = summarize(logMs);
      const deleted = summarize(deleteMs);
      rows.push({ operation: "log attempt", history, ...logged, ratio: logged.p50 / today.p50 });
      rows.push({ operation: "delete attempt (replay)", history, ...deleted, ratio: deleted.p50 / today.p50 });
    }
    printTable(
      `Practice loop on ${env.DATABASE_URL ? "PostgreSQL" : "PGlite"} (ms; ratio = p50 / GET today p50)`,
      rows,
    );
  } finally {
    await ctx.close();
  }
}
