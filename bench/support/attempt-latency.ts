// POST /api/attempts through app.inject (no HTTP; argv: total, concurrency): the write path's own
// latency, for comparing two source trees (BENCH_APP_ROOT) in one sitting on a noisy machine.
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(process.env.BENCH_APP_ROOT ?? join(import.meta.dirname, "..", ".."));
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const { buildApp } = await load("src/api/app.ts");
const { createAppContext } = await load("src/app-context.ts");
const { loadSettings } = await load("src/config/settings.ts");
const { users, problems } = await load("src/database/schema.ts");
const { eq, isNull } = await import("drizzle-orm");

const settings = loadSettings({ ...process.env, LOG_LEVEL: "warn", RATE_LIMIT_WRITE_PER_MINUTE: "1000000" });
const ctx = await createAppContext({ settings, migrate: false, seed: false });
const app = await buildApp(ctx);
const n = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 1);
const writers = await ctx.db
  .insert(users)
  .values(
    Array.from({ length: concurrency }, () => ({ email: `latency-${randomUUID()}@bench.example`, passwordHash: "x" })),
  )
  .returning({ id: users.id });
const cookies: string[] = [];
for (const w of writers) cookies.push(`maang_session=${(await ctx.sessions.create(w.id)).cookieValue}`);
const slugs = (await ctx.db.select({ slug: problems.slug }).from(problems).where(isNull(problems.ownerUserId))).map(
  (r: { slug: string }) => r.slug,
);
const samples: number[] = [];
let next = 0;
const wall = process.hrtime.bigint();
async function worker(w: number) {
  for (let i = next++; i < n; i = next++) {
    const started = process.hrtime.bigint();
    const res = await app.inject({
      method: "POST",
      url: "/api/attempts",
      headers: { cookie: cookies[w] as string },
      payload: { problem: slugs[i % 40], outcome: "solved", minutes: 10 + (i % 30) },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
samples.sort((a, b) => a - b);
console.log(
  `${root}: ${n} attempts, ${concurrency} at a time: ${Math.round((n * 1000) / wallMs)}/s, p50 ${samples[Math.floor(n / 2)]?.toFixed(2)} ms, p95 ${samples[Math.floor(n * 0.95)]?.toFixed(2)} ms`,
);
for (const w of writers) await ctx.db.delete(users).where(eq(users.id, w.id));
await app.close();
await ctx.close();
process.exit(0);
