// `npm run bench -- api`: the HTTP API under load on the real PostgreSQL + Redis (DATABASE_URL and
// REDIS_URL must be set), every row beside its bare part measured in the same run:
//   /healthz and cached GET /api/stats   vs  a bare Fastify hello-world (plain JS, its own process); the
//       stats row also beside the same bare server sending a fixed body of the stats body's size
//   POST /api/attempts (50 users × 50 connections, 200 × 200)  vs  pgbench running the same three
//       statements (attempt insert, card upsert, review-log insert) in one transaction, with as many
//       clients as the app's pool has connections (the app cannot use more)
//   `maang serve --no-migrate` start to first 200 (warm)  vs  the bare Fastify's start to first 200
// The server and the load generator (wrk when installed, else autocannon in a child process) are
// separate processes. BENCH_APP_ROOT=<another checkout> measures that tree's app with the same harness.
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import { inArray, isNull } from "drizzle-orm";
import { type AppContext, createAppContext } from "../src/app-context.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { attempts, problems, users } from "../src/database/schema.js";
import { printTable } from "./lib.js";
import { catalogueRatings, restoreCatalogueRatings } from "./support/catalogue-ratings.js";
import {
  BENCH_DIR,
  cpuMs,
  freePort,
  hasWrk,
  type LoadResult,
  runLoad,
  runPgbench,
  type Server,
  startServer,
  timeToFirst200,
  tsxArgs,
  writeDataFile,
} from "./support/processes.js";

const SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 8);
// Every load row, the app's and its bare part's alike, first runs this long unmeasured: a throughput row is
// the steady state, not the first second's JIT compilation, connection set-up and statement preparation.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const READ_CONNECTIONS = 50;
const SEEDED_ATTEMPTS = 600;
const POOL_MAX = 20;
const STARTS = 5;

/** Runs the load (after its unmeasured warm-up) and adds the server's CPU time per answered request (µs). */
async function measured(
  server: Server,
  options: Parameters<typeof runLoad>[0],
): Promise<LoadResult & { cpu_us: number; warmupAccepted: number }> {
  const warmup = WARMUP_SECONDS > 0 ? await runLoad({ ...options, seconds: WARMUP_SECONDS }) : undefined;
  const before = cpuMs(server.process.pid);
  const result = await runLoad(options);
  return {
    ...result,
    cpu_us: ((cpuMs(server.process.pid) - before) * 1000) / Math.max(1, result.requests),
    warmupAccepted: warmup ? warmup.requests - warmup.non_2xx : 0,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function benchUsers(ctx: AppContext, n: number, label: string): Promise<{ id: number; cookie: string }[]> {
  const rows = await ctx.db
    .insert(users)
    .values(
      Array.from({ length: n }, () => ({
        email: `bench-${label}-${randomUUID()}@bench.example`,
        passwordHash: "bench user: no password login",
      })),
    )
    .returning({ id: users.id });
  const out = [];
  for (const { id } of rows) {
    const session = await ctx.sessions.create(id);
    out.push({ id, cookie: `maang_session=${session.cookieValue}` });
  }
  return out;
}

async function seedAttempts(ctx: AppContext, userId: number, catalogue: { id: number }[]): Promise<void> {
  const now = Date.now();
  const outcomes = ["solved", "solved", "solved", "failed", "gave_up"];
  const rows = Array.from({ length: SEEDED_ATTEMPTS }, (_, i) => ({
    userId,
    problemId: (catalogue[(i * 7) % catalogue.length] as { id: number }).id,
    outcome: outcomes[i % outcomes.length] as string,
    rating: (i % 4) + 1,
    minutes: 10 + (i % 50),
    language: "python",
    attemptedAt: new Date(now - (i % 200) * 86_400_000 - i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 200) await ctx.db.insert(attempts).values(rows.slice(i, i + 200));
}

/** The three statements of one logged attempt, as the app sends them, for pgbench. */
const ATTEMPT_SCRIPT = `
\\set u random(:umin, :umax)
\\set p random(:pmin, :pmax)
BEGIN;
INSERT INTO attempts (user_id, problem_id, outcome, rating, minutes, language, notes, attempted_at, source, external_id, created_at)
  VALUES (:u, :p, 'solved', 3, 20, NULL, NULL, now(), 'manual', NULL, now()) RETURNING * \\gset a_
INSERT INTO review_cards (user_id, problem_id, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, suspended, created_at, updated_at)
  VALUES (:u, :p, now() + interval '3 days', 3.17, 5.28, 0, 3, 0, 1, 0, 2, now(), false, now(), now())
  ON CONFLICT (user_id, problem_id) DO UPDATE SET due = excluded.due, stability = excluded.stability,
    difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
    learning_steps = excluded.learning_steps, reps = review_cards.reps + 1, lapses = excluded.lapses,
    state = excluded.state, last_review = excluded.last_review, updated_at = excluded.updated_at
  RETURNING * \\gset c_
INSERT INTO review_logs (user_id, card_id, attempt_id, rating, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms)
  VALUES (:u, :c_id, :a_id, 3, 2, now() + interval '3 days', 3.17, 5.28, 0, 0, 3, 0, now(), 1200000);
COMMIT;
`;

function row(
  path: string,
  measured: LoadResult & { cpu_us?: number },
  bareName: string,
  bare: LoadResult & { cpu_us?: number },
  aim: string,
) {
  return {
    path,
    "req/s": measured.req_per_s,
    "server CPU µs/req": Math.round(measured.cpu_us ?? Number.NaN),
    "p50/p95/p99 ms": `${measured.p50_ms.toFixed(1)} / ${measured.p95_ms.toFixed(1)} / ${measured.p99_ms.toFixed(1)}`,
    "non-2xx+err": measured.non_2xx + measured.errors,
    "bare part": bareName,
    "bare req/s": bare.req_per_s,
    "bare CPU µs/req": bare.cpu_us === undefined ? "—" : Math.round(bare.cpu_us),
    "bare p50/p95/p99 ms": `${bare.p50_ms.toFixed(1)} / ${bare.p95_ms.toFixed(1)} / ${bare.p99_ms.toFixed(1)}`,
    ratio: `${(measured.req_per_s / Math.max(1, bare.req_per_s)).toFixed(2)}×`,
    aim,
  };
}

export async function run(): Promise<void> {
  const env = readEnvironment();
  if (!env.DATABASE_URL || !env.REDIS_URL) {
    console.log("skipped: set DATABASE_URL and REDIS_URL (this benchmark measures the production servers)");
    return;
  }
  const root = resolve(env.BENCH_APP_ROOT ?? join(BENCH_DIR, ".."));
  const serverEnv = {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    EMBEDDING_PROVIDER: "offline",
    DB_POOL_MAX: String(POOL_MAX),
    // the write limiter would otherwise answer most of the load with 429
    RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
    BENCH_APP_ROOT: root,
  };
  // BENCH_PROFILE_DIR=<dir>: the app server writes a V8 CPU profile there (node --cpu-prof) when it stops.
  // BENCH_ROWS=stats,attempts50,attempts200,startup runs only those rows (for profiling one path)
  const only = new Set((env.BENCH_ROWS ?? "stats,attempts50,attempts200,startup").split(","));
  const settings = settingsFrom({ ...serverEnv, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  const created: number[] = [];
  // The writers' first attempts refine catalogue problem ratings once they stop being provisional; the
  // bench puts them back afterwards, so a database shared with the test suite keeps the seeded ratings.
  const ratings = await catalogueRatings(ctx.db);
  try {
    console.log(
      `app: ${root}; load: ${hasWrk() ? "wrk (2 threads)" : "autocannon in a child process"}; ${SECONDS} s per row; pool max ${POOL_MAX}`,
    );
    const catalogue = await ctx.db
      .select({ id: problems.id, slug: problems.slug })
      .from(problems)
      .where(isNull(problems.ownerUserId))
      .orderBy(problems.id);
    const [reader] = await benchUsers(ctx, 1, "reader");
    if (!reader) throw new Error("no reader");
    created.push(reader.id);
    await seedAttempts(ctx, reader.id, catalogue);
    const readerFile = writeDataFile([reader.cookie]);

    const rows = [];
    if (only.has("stats")) {
      // the stats body's size, so the bare server's /body row sends as many bytes
      const statsBytes = Buffer.byteLength(await ctx.tracking.statsJson(reader.id));
      const hello = await startServer([join(BENCH_DIR, "support", "hello-server.mjs")], {
        BARE_BODY_BYTES: String(statsBytes),
      });
      const bareHello = await measured(hello, {
        url: `${hello.base}/healthz`,
        connections: READ_CONNECTIONS,
        seconds: SECONDS,
      });
      const bareBody = await measured(hello, {
        url: `${hello.base}/body`,
        connections: READ_CONNECTIONS,
        seconds: SECONDS,
      });
      await hello.stop();

      const app = await startServer(tsxArgs("api-server.ts"), serverEnv);
      const health = await measured(app, {
        url: `${app.base}/healthz`,
        connections: READ_CONNECTIONS,
        seconds: SECONDS,
      });
      await fetch(`${app.base}/api/stats`, { headers: { cookie: reader.cookie } });
      const cached = await measured(app, {
        url: `${app.base}/api/stats`,
        connections: READ_CONNECTIONS,
        seconds: SECONDS,
        dataFile: readerFile,
      });
      rows.push(
        row(
          `GET /api/stats cached (${SEEDED_ATTEMPTS} attempts), 50 conn`,
          cached,
          "bare Fastify hello",
          bareHello,
          "≥ 0.5×",
        ),
      );
      rows.push(
        row(
          `GET /api/stats cached (${SEEDED_ATTEMPTS} attempts), 50 conn`,
          cached,
          `bare Fastify sending the same ${statsBytes} bytes`,
          bareBody,
          "(for reference)",
        ),
      );
      rows.push(row("GET /healthz, 50 conn", health, "bare Fastify hello", bareHello, "keep (0.65×)"));
      await app.stop();
    }

    // pgbench ranges: a contiguous run of catalogue ids and the writers' ids
    const firstId = catalogue[0]?.id ?? 1;
    let lastId = firstId;
    while (catalogue[lastId - firstId + 1]?.id === lastId + 1) lastId++;
    const writeRows = [50, 200].filter((n) => only.has(`attempts${n}`));
    const app = writeRows.length > 0 ? await startServer(tsxArgs("api-server.ts"), serverEnv) : undefined;
    for (const connections of writeRows) {
      if (!app) break;
      const writers = await benchUsers(ctx, connections, `writer${connections}`);
      created.push(...writers.map((w) => w.id));
      const lines: string[] = [];
      for (let i = 0; i < connections * 50; i++) {
        const writer = writers[i % writers.length] as { cookie: string };
        const slug = (catalogue[(i * 7 + Math.floor(i / writers.length)) % catalogue.length] as { slug: string }).slug;
        const body = { problem: slug, outcome: i % 4 === 0 ? "failed" : "solved", minutes: 5 + (i % 40) };
        lines.push(`${writer.cookie}\t${JSON.stringify(body)}`);
      }
      const writes = await measured(app, {
        url: `${app.base}/api/attempts`,
        connections,
        seconds: SECONDS,
        method: "POST",
        dataFile: writeDataFile(lines),
      });
      await new Promise((r) => setTimeout(r, 1000));
      const stored = await ctx.db
        .select({ id: attempts.id })
        .from(attempts)
        .where(
          inArray(
            attempts.userId,
            writers.map((w) => w.id),
          ),
        );
      const accepted = writes.requests - writes.non_2xx + writes.warmupAccepted;
      if (stored.length < accepted) throw new Error(`only ${stored.length} attempts stored for ${accepted} accepted`);
      const ids = writers.map((w) => w.id);
      const pgbench = (seconds: number) =>
        runPgbench({
          databaseUrl: env.DATABASE_URL as string,
          script: ATTEMPT_SCRIPT,
          clients: POOL_MAX,
          seconds,
          variables: { umin: Math.min(...ids), umax: Math.max(...ids), pmin: firstId, pmax: lastId },
        });
      if (WARMUP_SECONDS > 0) pgbench(WARMUP_SECONDS);
      const bare = pgbench(SECONDS);
      rows.push(
        row(
          `POST /api/attempts, ${connections} users × ${connections} conn`,
          writes,
          `pgbench 3 statements, ${POOL_MAX} clients`,
          bare,
          "≥ 0.7×",
        ),
      );
    }
    await app?.stop();

    printTable("HTTP API: each row beside its bare part, measured in this run", rows);
    if (!only.has("startup")) return;
    // start-up, warm: one unmeasured start of each first
    const port = await freePort();
    const startEnv = { ...serverEnv, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, PORT: String(port) };
    // how bin/maang.js runs the CLI: the bundle with V8's code cache (the default), the bundle with no cache,
    // dist/'s one file per module, and the TypeScript through tsx (the fallback when dist/ is stale)
    const ways: { path: string; env: Record<string, string>; aim: string; args?: string[] }[] = [
      { path: "maang serve --no-migrate", env: {}, aim: "≤ 4×" },
      // what `npm start` runs: pending migrations and the catalogue seed checked first (the compose file runs
      // them once in its `migrate` service and starts the app with --no-migrate)
      { path: "… maang serve (migrations + seed checked)", env: {}, aim: "(for comparison)", args: [] },
      { path: "… the bundle without its code cache", env: { MAANG_CODE_CACHE_DIR: "off" }, aim: "(for comparison)" },
      { path: "… dist/ one file per module", env: { MAANG_BUNDLE: "off" }, aim: "(for comparison)" },
      { path: "… from src/ through tsx", env: { MAANG_RUN_FROM_SOURCE: "1" }, aim: "(the fallback)" },
    ];
    const serve = (extra: Record<string, string>, args = ["--no-migrate"]) =>
      timeToFirst200([join(root, "bin", "maang.js"), "serve", ...args, "--host", "127.0.0.1"], {
        port,
        path: "/healthz",
        env: { ...startEnv, ...extra },
        cwd: root,
      });
    const bareStart = () =>
      timeToFirst200([join(BENCH_DIR, "support", "hello-server.mjs"), String(port)], {
        port,
        path: "/healthz",
        env: {},
        cwd: root,
      });
    // one unmeasured start of each (the first start of the bundle writes its code cache)
    for (const way of ways) await serve(way.env, way.args);
    await bareStart();
    const times = ways.map((): number[] => []);
    const bareMs: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      for (const [n, way] of ways.entries()) times[n]?.push(await serve(way.env, way.args));
      bareMs.push(await bareStart());
    }
    printTable(
      `start to first 200 (warm, median of ${STARTS})`,
      ways.map((way, n) => {
        const ms = times[n] ?? [];
        return {
          path: way.path,
          ms: Math.round(median(ms)),
          all: ms.map(Math.round).join(", "),
          "bare Fastify start ms": Math.round(median(bareMs)),
          bare_all: bareMs.map(Math.round).join(", "),
          ratio: `${(median(ms) / median(bareMs)).toFixed(1)}×`,
          aim: way.aim,
        };
      }),
    );
  } finally {
    if (created.length > 0) await ctx.db.delete(users).where(inArray(users.id, created));
    await restoreCatalogueRatings(ctx.db, ratings);
    await ctx.close();
  }
}
