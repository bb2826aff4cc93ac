// `npm run bench -- auth`: what authentication costs a request. The session lookup behind every cookie
// (cache hit vs database), the bearer-token lookup, a whole authenticated request, and the password
// hashing behind login (argon2id, and bcrypt for accounts imported from the old platform).
// Uses DATABASE_URL / REDIS_URL when set (the numbers that matter), the embedded defaults otherwise.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { buildApp } from "../src/api/app.js";
import { createAppContext } from "../src/app-context.js";
import { MemoryCache } from "../src/cache/memory-cache.js";
import { readEnvironment, settingsFrom } from "../src/config/settings.js";
import { users } from "../src/database/schema.js";
import { SessionService } from "../src/services/accounts/session-service.js";
import { TokenService } from "../src/services/accounts/token-service.js";
import { hashPassword, verifyArgon2 } from "../src/services/accounts/user-service.js";
import { printTable, type Timing, time } from "./lib.js";

const SESSIONS = 500;

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
    RATE_LIMIT_LOGIN_PER_MINUTE: "100000",
    RATE_LIMIT_WRITE_PER_MINUTE: "1000000",
  });
  const ctx = await createAppContext({ settings, migrate: true, seed: true });
  const app = await buildApp(ctx);
  await app.ready();
  let userId: number | undefined;
  try {
    console.log(
      `backends: database=${ctx.database.kind} (${ctx.database.location}), cache=${ctx.cache.kind}` +
        (ctx.cache.kind === "memory" ? " — set DATABASE_URL and REDIS_URL for the production numbers" : ""),
    );
    const user = await ctx.users.signup({ email: `bench-${randomUUID()}@bench.example`, password: "bench password 1" });
    userId = user.id;
    const cookies: string[] = [];
    for (let i = 0; i < SESSIONS; i++) cookies.push((await ctx.sessions.create(user.id)).cookieValue);
    const { token } = await ctx.tokens.create(user.id, "bench");

    // The same services over an LRU that holds 10 entries, cycling through 500 sessions: every lookup misses
    // and the database answers, which is also what happens while the cache is down.
    const tiny = new MemoryCache({ maxEntries: 10, defaultTtlSeconds: 60 });
    const uncachedSessions = new SessionService({ ...ctx, cache: tiny });
    let i = 0;
    const sessionDb = await time(() => uncachedSessions.resolve(cookies[i++ % SESSIONS]), 1000);
    await ctx.sessions.resolve(cookies[0]);
    const sessionCache = await time(() => ctx.sessions.resolve(cookies[0]), 2000);

    const tokenHashes = [token];
    for (let k = 0; k < 20; k++) tokenHashes.push((await ctx.tokens.create(user.id, `bench ${k}`)).token);
    const uncachedTokens = new TokenService({ ...ctx, cache: tiny });
    let j = 0;
    const tokenDb = await time(() => uncachedTokens.authenticate(tokenHashes[j++ % tokenHashes.length]), 1000);
    await ctx.tokens.authenticate(token);
    const tokenCache = await time(() => ctx.tokens.authenticate(token), 2000);

    const inject =
      (headers: Record<string, string>, url = "/api/tokens") =>
      async () => {
        const response = await app.inject({ method: "GET", url, headers });
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      };
    const healthz = await time(inject({}, "/healthz"), 1000);
    const viaCookie = await time(inject({ cookie: `maang_session=${cookies[0]}` }), 1000);
    const viaToken = await time(inject({ authorization: `Bearer ${token}` }), 1000);

    const row = (what: string, t: Timing) => ({ what, n: t.n, p50_ms: t.p50, p95_ms: t.p95 });
    printTable(`Per-request authentication (${ctx.database.kind} + ${ctx.cache.kind} cache)`, [
      row("session lookup, database (cache miss)", sessionDb),
      row(`session lookup, ${ctx.cache.kind} cache hit`, sessionCache),
      row("bearer token lookup, database (cache miss)", tokenDb),
      row(`bearer token lookup, ${ctx.cache.kind} cache hit`, tokenCache),
      row("GET /healthz (no auth), in-process inject", healthz),
      row("GET /api/tokens with the cookie, inject", viaCookie),
      row("GET /api/tokens with the bearer token, inject", viaToken),
    ]);

    const argonHash = await hashPassword("bench password 1");
    const bcryptHash = await bcrypt.hash("bench password 1", 10);
    printTable("Password hashing (the cost of one login)", [
      row("argon2id hash (signup, password change)", await time(() => hashPassword("bench password 1"), 20, 2)),
      row("argon2id verify (login)", await time(() => verifyArgon2(argonHash, "bench password 1"), 20, 2)),
      row(
        "bcrypt cost 10 verify (legacy login)",
        await time(() => bcrypt.compare("bench password 1", bcryptHash), 20, 2),
      ),
    ]);
    await tiny.close();
  } finally {
    if (userId !== undefined) await ctx.db.delete(users).where(eq(users.id, userId));
    await app.close();
    await ctx.close();
  }
}
