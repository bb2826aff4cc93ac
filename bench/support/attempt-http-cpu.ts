// CPU time of POST /api/attempts through HTTP, warm: the API server (api-server.ts, its own process) is
// driven by wrk for a warm-up and then for the measured run; the server's user and system CPU per answered
// request come from /proc, and so does the CPU of the PostgreSQL backends serving the server's pool (found
// by the server's local ports of its connections to PostgreSQL, so other sessions of a shared database are
// not counted). `npm run bench -- api` measures one cold run per row; this one is for before/after of the
// server's own cost. Usage (DATABASE_URL and REDIS_URL set):
//   node --import tsx bench/support/attempt-http-cpu.ts [seconds=10] [connections=50] [runs=2] [base tree]
// BENCH_APP_ROOT selects the app's source tree, as for the api bench; BENCH_PROFILE_DIR profiles the server.
// With a base tree, both servers run side by side and the runs alternate between them (each server gets
// its own learners), so both see the same machine load; the totals of each are printed last.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inArray, isNull, sql } from "drizzle-orm";
import { createAppContext } from "../../src/app-context.js";
import { queryRows } from "../../src/config/database.js";
import { readEnvironment, settingsFrom } from "../../src/config/settings.js";
import { attempts, problems, users } from "../../src/database/schema.js";
import { catalogueRatings, restoreCatalogueRatings } from "./catalogue-ratings.js";
import { BENCH_DIR, runLoad, startServer, tsxArgs, writeDataFile } from "./processes.js";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const runs = Number(process.argv[4] ?? 2);
const baseRoot = process.argv[5] ? resolve(process.argv[5]) : undefined;
const env = readEnvironment();
if (!env.DATABASE_URL || !env.REDIS_URL) throw new Error("set DATABASE_URL and REDIS_URL");
const root = resolve(env.BENCH_APP_ROOT ?? join(BENCH_DIR, ".."));
const serverEnv = {
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  LOG_FORMAT: "json",
  EMBEDDING_PROVIDER: "offline",
  DB_POOL_MAX: "20",
  // the pool keeps its connections (an idle one closing mid-run would take its backend's CPU time with it)
  DB_IDLE_TIMEOUT_MS: "0",
  RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
  BENCH_APP_ROOT: root,
};
const settings = settingsFrom({ ...serverEnv, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL });
const ctx = await createAppContext({ settings, migrate: true, seed: true });

/** user and system CPU (ms) of a process, from /proc (clock ticks of 10 ms) */
function cpu(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}
/** PostgreSQL backends of the server's pool: the backends whose client port is one of the server's sockets */
async function poolBackends(serverPid: number): Promise<number[]> {
  const port = new URL(env.DATABASE_URL as string).port || "5432";
  const out = execFileSync("ss", ["-tnpH", "state", "established", `( dport = :${port} )`], { encoding: "utf8" });
  const ports = out
    .split("\n")
    .filter((l) => l.includes(`pid=${serverPid},`))
    .map((l) => Number(l.trim().split(/\s+/)[2]?.split(":").pop()));
  if (ports.length === 0) return [];
  const rows = await queryRows<{ pid: number }>(
    ctx.db,
    sql`select pid from pg_stat_activity where client_port = any(${sql.param(ports)}::int[])`,
  );
  return rows.map((r) => r.pid);
}
const backendMs = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      const c = cpu(pid);
      return sum + c.user + c.system;
    } catch {
      return sum;
    }
  }, 0);

const catalogue = await ctx.db
  .select({ slug: problems.slug })
  .from(problems)
  .where(isNull(problems.ownerUserId))
  .orderBy(problems.id);
const ratings = await catalogueRatings(ctx.db);
async function writersFile(): Promise<{ ids: number[]; file: string }> {
  const writers = await ctx.db
    .insert(users)
    .values(
      Array.from({ length: connections }, () => ({
        email: `http-cpu-${randomUUID()}@bench.example`,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id });
  const lines: string[] = [];
  const cookies: string[] = [];
  for (const { id } of writers) cookies.push(`maang_session=${(await ctx.sessions.create(id)).cookieValue}`);
  for (let i = 0; i < connections * 50; i++) {
    const slug = (catalogue[(i * 7 + Math.floor(i / connections)) % catalogue.length] as { slug: string }).slug;
    const body = { problem: slug, outcome: i % 4 === 0 ? "failed" : "solved", minutes: 5 + (i % 40) };
    lines.push(`${cookies[i % cookies.length]}\t${JSON.stringify(body)}`);
  }
  return { ids: writers.map((w) => w.id), file: writeDataFile(lines) };
}
const servers: { root: string; server: Awaited<ReturnType<typeof startServer>>; ids: number[]; file: string }[] = [];
for (const tree of baseRoot ? [baseRoot, root] : [root]) {
  const { ids, file } = await writersFile();
  servers.push({
    root: tree,
    server: await startServer(tsxArgs("api-server.ts"), { ...serverEnv, BENCH_APP_ROOT: tree }),
    ids,
    file,
  });
}
const totals = servers.map(() => ({ requests: 0, user: 0, system: 0, pg: 0, seconds: 0 }));
try {
  for (const { server, file } of servers)
    await runLoad({
      url: `${server.base}/api/attempts`,
      connections,
      seconds: Math.max(3, Math.round(seconds / 2)),
      method: "POST",
      dataFile: file,
    });
  for (let run = 0; run < runs; run++) {
    // the order alternates too: neither server always runs right after the other
    const order = [...servers.entries()];
    if (run % 2) order.reverse();
    for (const [index, { root: tree, server, file }] of order) {
      const pid = server.process.pid as number;
      const pids = await poolBackends(pid);
      const before = cpu(pid);
      const pgBefore = backendMs(pids);
      const result = await runLoad({
        url: `${server.base}/api/attempts`,
        connections,
        seconds,
        method: "POST",
        dataFile: file,
      });
      const after = cpu(pid);
      const pg = backendMs(pids) - pgBefore;
      const n = Math.max(1, result.requests);
      const total = totals[index] as (typeof totals)[number];
      total.requests += result.requests;
      total.user += after.user - before.user;
      total.system += after.system - before.system;
      total.pg += pg;
      total.seconds += seconds;
      console.log(
        JSON.stringify({
          root: tree,
          connections,
          req_per_s: result.req_per_s,
          non_2xx: result.non_2xx + result.errors,
          server_us_per_req: Math.round(((after.user - before.user + after.system - before.system) * 1000) / n),
          user_us: Math.round(((after.user - before.user) * 1000) / n),
          system_us: Math.round(((after.system - before.system) * 1000) / n),
          postgres_us_per_req: Math.round((pg * 1000) / n),
          backends: pids.length,
          p50_ms: result.p50_ms,
          load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
        }),
      );
    }
  }
  for (const [index, { root: tree }] of servers.entries()) {
    const t = totals[index] as (typeof totals)[number];
    const n = Math.max(1, t.requests);
    console.log(
      JSON.stringify({
        total: tree,
        req_per_s: Math.round(t.requests / t.seconds),
        server_us_per_req: Math.round(((t.user + t.system) * 1000) / n),
        user_us: Math.round((t.user * 1000) / n),
        system_us: Math.round((t.system * 1000) / n),
        postgres_us_per_req: Math.round((t.pg * 1000) / n),
      }),
    );
  }
} finally {
  for (const { server, ids } of servers) {
    await server.stop();
    const stored = await ctx.db.select({ id: attempts.id }).from(attempts).where(inArray(attempts.userId, ids));
    console.log(JSON.stringify({ stored: stored.length }));
    await ctx.db.delete(users).where(inArray(users.id, ids));
  }
  await restoreCatalogueRatings(ctx.db, ratings);
  await ctx.close();
}
