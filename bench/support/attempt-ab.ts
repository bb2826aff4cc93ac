// A/B of the attempt write path (logAttempt, no HTTP) between two source trees in ONE process: each tree
// gets its own app context (a pool of 20) and its own 50 learners, and batches alternate between them, so
// both see the same machine load. On a shared machine this is far steadier than alternating whole runs
// of attempt-cpu.ts. Reports app CPU (process.cpuUsage during the tree's batches) and the CPU of that
// tree's pool backends (from /proc) per attempt. Catalogue ratings are put back at the end.
// Usage: DATABASE_URL=… node --import tsx bench/support/attempt-ab.ts <base tree> [attempts per batch] [rounds]
// (the second tree is this checkout)
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isNull, sql } from "drizzle-orm";
import { catalogueRatings, restoreCatalogueRatings } from "./catalogue-ratings.js";
import { cpuMs } from "./processes.js";

interface Tree {
  // biome-ignore lint/suspicious/noExplicitAny: each tree's own AppContext type
  ctx: any;
  ids: number[];
  pids: number[];
  slugs: string[];
}

const base = process.argv[2];
if (!base) throw new Error("usage: attempt-ab.ts <base tree> [attempts per batch] [rounds]");
const roots = { base: resolve(base), this: resolve(join(import.meta.dirname, "..", "..")) };
const perBatch = Number(process.argv[3] ?? 1000);
const rounds = Number(process.argv[4] ?? 6);
const learners = 50;

async function open(root: string): Promise<Tree> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { createAppContext } = await load("src/app-context.ts");
  const { loadSettings } = await load("src/config/settings.ts");
  const { users, problems } = await load("src/database/schema.ts");
  const settings = loadSettings({
    ...process.env,
    LOG_LEVEL: "warn",
    REDIS_URL: undefined,
    DB_POOL_MAX: "20",
    DB_IDLE_TIMEOUT_MS: "0",
  });
  const ctx = await createAppContext({ settings, migrate: false, seed: false });
  const slugs = (
    await ctx.db.select({ slug: problems.slug }).from(problems).where(isNull(problems.ownerUserId)).orderBy(problems.id)
  ).map((r: { slug: string }) => r.slug);
  const ids = (
    await ctx.db
      .insert(users)
      .values(
        Array.from({ length: learners }, () => ({ email: `ab-${randomUUID()}@bench.example`, passwordHash: "x" })),
      )
      .returning({ id: users.id })
  ).map((r: { id: number }) => r.id);
  return { ctx, ids, pids: [], slugs };
}

const trees = { base: await open(roots.base), this: await open(roots.this) };
const { queryRows } = await import("../../src/config/database.js");
const ratings = await catalogueRatings(trees.base.ctx.db);
let offset = 0;
async function batch(tree: Tree): Promise<void> {
  let next = 0;
  await Promise.all(
    tree.ids.map(async (id) => {
      for (let i = next++; i < perBatch; i = next++) {
        const j = offset + i;
        await tree.ctx.tracking.logAttempt(id, {
          problem: tree.slugs[(j * 7 + Math.floor(j / learners)) % tree.slugs.length],
          outcome: j % 4 ? "solved" : "failed",
          minutes: 5 + (j % 40),
        });
      }
    }),
  );
}
const backendCpu = (tree: Tree) => tree.pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
try {
  // warm-up, then the pool's backends (as many concurrent queries as connections each report their own)
  for (const tree of Object.values(trees)) {
    await batch(tree);
    const found = await Promise.all(
      Array.from({ length: 20 }, () =>
        queryRows<{ pid: number }>(tree.ctx.db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)::text as slept`),
      ),
    );
    tree.pids = [...new Set(found.map((rows) => (rows[0] as { pid: number }).pid))];
  }
  offset += perBatch;
  const sums = { base: { app: 0, pg: 0, ms: 0 }, this: { app: 0, pg: 0, ms: 0 } };
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? (["this", "base"] as const) : (["base", "this"] as const)) {
      const tree = trees[name];
      const cpu = process.cpuUsage();
      const pg = backendCpu(tree);
      const started = performance.now();
      await batch(tree);
      const used = process.cpuUsage(cpu);
      sums[name].app += used.user + used.system;
      sums[name].pg += (backendCpu(tree) - pg) * 1000;
      sums[name].ms += performance.now() - started;
    }
    offset += perBatch;
  }
  const n = perBatch * rounds;
  console.log(
    JSON.stringify({
      base: roots.base,
      base_app_us: Math.round(sums.base.app / n),
      this_app_us: Math.round(sums.this.app / n),
      base_pg_us: Math.round(sums.base.pg / n),
      this_pg_us: Math.round(sums.this.pg / n),
      base_per_s: Math.round((n * 1000) / sums.base.ms),
      this_per_s: Math.round((n * 1000) / sums.this.ms),
      // a backend gone before the end took its CPU time with it: the PostgreSQL figures are then too low
      backends_alive: Object.values(trees).every((t) => t.pids.every((pid) => !Number.isNaN(cpuMs(pid)))),
      load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
    }),
  );
} finally {
  for (const tree of Object.values(trees))
    await tree.ctx.db.execute(sql`delete from users where id = any(${sql.param(tree.ids)}::int[])`);
  await restoreCatalogueRatings(trees.base.ctx.db, ratings);
  for (const tree of Object.values(trees)) await tree.ctx.close();
}
