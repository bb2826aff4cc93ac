// `npm run bench -- api`: the HTTP API under load, on the real PostgreSQL + Redis (DATABASE_URL /
// REDIS_URL; the embedded defaults otherwise, labelled as such). The app runs in this process on a
// free port; autocannon drives it. Rows: the same server's hello-world ceiling (/healthz), GET
// /api/stats read from the cache vs computed on every request (a second server whose TrackingService
// bypasses the cache — a bench-only constructor option, not a public flag), and POST /api/attempts at
// 50 and 200 concurrent clients. Latency percentiles come from every response's time.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { count, eq, isNull } from "drizzle-orm";
import { type App, buildApp } from "../src/api/app.js";
import { type AppContext, createAppContext } from "../src/app-context.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { attempts, problems } from "../src/database/schema.js";
import { TrackingService } from "../src/services/tracking-service.js";
import { printTable, summarize } from "./lib.js";

const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 8);
const READ_CONNECTIONS = 50;
const SEEDED_ATTEMPTS = 600;

interface Measured {
  scenario: string;
  connections: number;
  requests: number;
  req_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
}

async function listen(app: App): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("server has no port");
  return `http://127.0.0.1:${address.port}`;
}

async function signUp(base: string): Promise<{ id: number; cookie: string }> {
  const response = await fetch(`${base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${randomUUID()}@bench.example`, password: "bench password 1" }),
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = (await response.json()) as { user: { id: number } };
  return { id: body.user.id, cookie };
}

async function load(
  scenario: string,
  options: {
    url: string;
    connections: number;
    method?: string;
    headers?: Record<string, string>;
    body?: () => string;
  },
): Promise<Measured> {
  const samples: number[] = [];
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: DURATION_SECONDS,
    timeout: 30,
    requests: [
      {
        method: options.method ?? "GET",
        headers: { ...(options.headers ?? {}), ...(options.body ? { "content-type": "application/json" } : {}) },
        ...(options.body ? { setupRequest: (request) => ({ ...request, body: options.body?.() }) } : {}),
      },
    ],
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    samples.push(responseTime);
  });
  const result = await instance;
  const timing = summarize(samples);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    scenario,
    connections: options.connections,
    requests: samples.length,
    req_per_s: Math.round(samples.length / result.duration),
    p50_ms: timing.p50,
    p95_ms: timing.p95,
    p99_ms: sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? Number.NaN,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Waits until requests the server accepted before the load generator stopped have all been written. */
async function drain(ctx: AppContext, userId: number): Promise<number> {
  let previous = -1;
  for (;;) {
    const [row] = await ctx.db.select({ n: count() }).from(attempts).where(eq(attempts.userId, userId));
    const n = row?.n ?? 0;
    if (n === previous && ctx.database.poolStats().waiting === 0) return n;
    previous = n;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function seedAttempts(ctx: AppContext, userId: number, slugsById: { id: number }[]): Promise<void> {
  const now = Date.now();
  const outcomes = ["solved", "solved", "solved", "failed", "gave_up"];
  const rows = Array.from({ length: SEEDED_ATTEMPTS }, (_, i) => ({
    userId,
    problemId: (slugsById[(i * 7) % slugsById.length] as { id: number }).id,
    outcome: outcomes[i % outcomes.length] as string,
    rating: (i % 4) + 1,
    minutes: 10 + (i % 50),
    language: "python",
    attemptedAt: new Date(now - (i % 200) * 86_400_000 - i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insert(attempts).values(rows.slice(i, i + 200));
}

export async function run(): Promise<void> {
  const env = readEnvironment();
  const settings = settingsFrom({
    NODE_ENV: "production",
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    DATA_DIR: ":memory:",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    EMBEDDING_PROVIDER: "offline",
    DB_POOL_MAX: env.DB_POOL_MAX ?? "20",
    // the write limiter would otherwise answer most of the load with 429
    RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
    RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  const uncachedCtx: AppContext = {
    ...ctx,
    tracking: new TrackingService({
      db: ctx.db,
      cache: ctx.cache,
      clock: ctx.clock,
      catalog: ctx.catalog,
      training: ctx.training,
      ttlSeconds: settings.cache.ttlSeconds,
      bypassStatsCache: true,
    }),
  };
  const app = await buildApp(ctx);
  const uncachedApp = await buildApp(uncachedCtx);
  try {
    const base = await listen(app);
    const uncachedBase = await listen(uncachedApp);
    console.log(
      `backends: database=${ctx.database.kind} (${ctx.database.location}), cache=${ctx.cache.kind}, pool max ${settings.database.poolMax}, ${DURATION_SECONDS} s per row` +
        (ctx.database.kind === "pglite" ? " — set DATABASE_URL and REDIS_URL for the production numbers" : ""),
    );
    const catalogue = await ctx.db
      .select({ id: problems.id, slug: problems.slug })
      .from(problems)
      .where(isNull(problems.ownerUserId));
    const reader = await signUp(base);
    await seedAttempts(ctx, reader.id, catalogue);

    const rows: Measured[] = [];
    rows.push(await load("GET /healthz (ceiling)", { url: `${base}/healthz`, connections: READ_CONNECTIONS }));
    await fetch(`${base}/api/stats`, { headers: { cookie: reader.cookie } });
    const cached = await load(`GET /api/stats cached (${SEEDED_ATTEMPTS} attempts)`, {
      url: `${base}/api/stats`,
      connections: READ_CONNECTIONS,
      headers: { cookie: reader.cookie },
    });
    const uncached = await load(`GET /api/stats uncached (${SEEDED_ATTEMPTS} attempts)`, {
      url: `${uncachedBase}/api/stats`,
      connections: READ_CONNECTIONS,
      headers: { cookie: reader.cookie },
    });
    rows.push(cached, uncached);
    for (const connections of [50, 200]) {
      const writer = await signUp(base);
      let i = 0;
      const measured = await load("POST /api/attempts", {
        url: `${base}/api/attempts`,
        connections,
        method: "POST",
        headers: { cookie: writer.cookie },
        body: () => {
          const slug = (catalogue[i++ % catalogue.length] as { slug: string }).slug;
          return JSON.stringify({ problem: slug, outcome: i % 4 === 0 ? "failed" : "solved", minutes: 5 + (i % 40) });
        },
      });
      const stored = await drain(ctx, writer.id);
      if (stored < measured.requests - measured.non_2xx)
        throw new Error(`only ${stored} attempts stored for ${measured.requests - measured.non_2xx} accepted requests`);
      rows.push(measured);
    }
    printTable("HTTP API under autocannon", rows as unknown as Record<string, unknown>[]);
    printTable("GET /api/stats: cached vs uncached", [
      {
        p50_uncached_over_cached: uncached.p50_ms / cached.p50_ms,
        p95_uncached_over_cached: uncached.p95_ms / cached.p95_ms,
        throughput_cached_over_uncached: cached.req_per_s / Math.max(1, uncached.req_per_s),
      },
    ]);
  } finally {
    await uncachedApp.close();
    await app.close();
    await ctx.close();
  }
}
