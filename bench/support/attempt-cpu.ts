// CPU time of the attempt write path alone (no HTTP): N logAttempt calls from C concurrent learners in
// this process, against the real PostgreSQL, reported as process CPU µs per attempt (user + system).
// The PostgreSQL backends serving this process's pool (found by asking each pooled connection for its
// backend's pid, so other sessions on the same database are not counted) are measured the same way, from
// /proc: the server's share of the same work.
// Usage: DATABASE_URL=… node --import tsx bench/support/attempt-cpu.ts [attempts] [learners]
// BENCH_APP_ROOT selects the source tree, as for the api bench.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(process.env.BENCH_APP_ROOT ?? join(import.meta.dirname, "..", ".."));
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { createAppContext } = await load("src/app-context.ts");
const { loadSettings } = await load("src/config/settings.ts");
const { users, problems } = await load("src/database/schema.ts");
const { inArray, isNull, sql } = await import("drizzle-orm");
const { queryRows } = await load("src/config/database.ts");
const { cpuMs } = await import("./processes.js");

const total = Number(process.argv[2] ?? 3000);
const learners = Number(process.argv[3] ?? 50);
const settings = loadSettings({
  ...process.env,
  LOG_LEVEL: "warn",
  REDIS_URL: undefined,
  DB_POOL_MAX: "20",
  // the pool keeps its connections (an idle one closing mid-run would take its backend's CPU time with it)
  DB_IDLE_TIMEOUT_MS: "0",
});
const ctx = await createAppContext({ settings, migrate: false, seed: false });
const catalogue: { slug: string }[] = await ctx.db
  .select({ slug: problems.slug })
  .from(problems)
  .where(isNull(problems.ownerUserId));
// learners become certain enough to move catalogue ratings: put them back at the end (as bench/api.ts does)
const ratings = await queryRows(
  ctx.db,
  sql`select id, rating, rating_deviation, rating_source, rated_attempts from problems where owner_user_id is null`,
);
const ids: number[] = (
  await ctx.db
    .insert(users)
    .values(Array.from({ length: learners }, () => ({ email: `cpu-${randomUUID()}@bench.example`, passwordHash: "x" })))
    .returning({ id: users.id })
).map((r: { id: number }) => r.id);
let next = 0;
const worker = async (w: number) => {
  for (let i = next++; i < total; i = next++) {
    const slug = (catalogue[(i * 7 + Math.floor(i / learners)) % catalogue.length] as { slug: string }).slug;
    await ctx.tracking.logAttempt(ids[w] as number, {
      problem: slug,
      outcome: i % 4 ? "solved" : "failed",
      minutes: 5 + (i % 40),
    });
  }
};
// warm-up, then the measured run
await Promise.all(ids.map((_, w) => worker(w)));
next = 0;
// the backends of this process's pool only (the database may be shared): as many concurrent queries as
// the pool has connections each report their own backend
const backends = async () =>
  [
    ...new Set(
      (
        await Promise.all(
          Array.from({ length: 20 }, () =>
            queryRows(ctx.db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)::text as slept`),
          ),
        )
      ).map((rows: { pid: number }[]) => (rows[0] as { pid: number }).pid),
    ),
  ] as number[];
const serverCpuMs = async (pids: number[]) => pids.reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0);
const pids = await backends();
const serverBefore = await serverCpuMs(pids);
const cpu = process.cpuUsage();
const started = performance.now();
await Promise.all(ids.map((_, w) => worker(w)));
const used = process.cpuUsage(cpu);
const ms = performance.now() - started;
const serverUsed = (await serverCpuMs(pids)) - serverBefore;
console.log(
  JSON.stringify({
    root,
    attempts: total,
    learners,
    cpu_us_per_attempt: Math.round((used.user + used.system) / total),
    user_us: Math.round(used.user / total),
    system_us: Math.round(used.system / total),
    per_s: Math.round((total / ms) * 1000),
    postgres_us_per_attempt: Math.round((serverUsed * 1000) / total),
    backends: pids.length,
    // a backend gone before the end took its CPU time with it: the PostgreSQL figure is then too low
    backends_alive: pids.filter((pid) => !Number.isNaN(cpuMs(pid))).length,
    load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  }),
);
await ctx.db.delete(users).where(inArray(users.id, ids));
for (const r of ratings)
  await ctx.db.execute(
    sql`update problems set rating = ${r.rating}, rating_deviation = ${r.rating_deviation},
               rating_source = ${r.rating_source}, rated_attempts = ${r.rated_attempts} where id = ${r.id}`,
  );
await ctx.close();
