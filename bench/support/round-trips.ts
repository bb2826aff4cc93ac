// Counts the database and Redis round trips of one request, for the profile notes of `bench -- api`:
// wraps pg's Client.query and ioredis's sendCommand, then sends one cached GET /api/stats and one
// POST /api/attempts through app.inject. BENCH_APP_ROOT selects the source tree, as for the api bench.
// Usage: DATABASE_URL=… REDIS_URL=… node --import tsx bench/support/round-trips.ts
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import pg from "pg";

const root = resolve(process.env.BENCH_APP_ROOT ?? join(import.meta.dirname, "..", ".."));
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { buildApp } = await load("src/api/app.ts");
const { createAppContext } = await load("src/app-context.ts");
const { loadSettings } = await load("src/config/settings.ts");
const { users } = await load("src/database/schema.ts");

const trace: string[] = [];
let recording = false;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (recording) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
    trace.push(`pg     ${String(text).replace(/\s+/g, " ").slice(0, 90)}`);
  }
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;
const send = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function (this: Redis, command: { name: string; args: unknown[] }, ...rest: unknown[]) {
  if (recording && !["info", "client"].includes(command.name))
    trace.push(`redis  ${command.name} ${String(command.args[0] ?? "").slice(0, 60)}`);
  return (send as (...a: unknown[]) => unknown).call(this, command, ...rest);
} as typeof send;

const settings = loadSettings({ ...process.env, LOG_LEVEL: "warn", RATE_LIMIT_WRITE_PER_MINUTE: "100000" });
const ctx = await createAppContext({ settings, migrate: false, seed: false });
const app = await buildApp(ctx);
const [user] = await ctx.db
  .insert(users)
  .values({ email: `trace-${randomUUID()}@bench.example`, passwordHash: "x" })
  .returning({ id: users.id });
const { cookieValue } = await ctx.sessions.create(user.id);
const cookie = `maang_session=${cookieValue}`;
const post = () =>
  app.inject({
    method: "POST",
    url: "/api/attempts",
    headers: { cookie },
    payload: { problem: "two-sum", outcome: "solved", minutes: 12 },
  });
const get = () => app.inject({ method: "GET", url: "/api/stats", headers: { cookie } });
for (const [label, fn] of [
  ["POST /api/attempts (warm)", post],
  ["GET /api/stats (fills the cache)", get],
  ["GET /api/stats (cache hit)", get],
] as const) {
  await fn();
  trace.length = 0;
  recording = true;
  const res = await fn();
  await new Promise((r) => setTimeout(r, 200));
  recording = false;
  console.log(`\n${label}: status ${res.statusCode}, ${res.body.length} bytes, ${trace.length} round trips`);
  for (const t of trace) console.log(`  ${t}`);
}
await ctx.db.delete(users).where((await import("drizzle-orm")).eq(users.id, user.id));
await app.close();
await ctx.close();
process.exit(0);
