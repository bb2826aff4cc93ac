import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createCache } from "../../src/cache/create-cache.js";
import { FakeClock } from "../../src/config/clock.js";
import { settingsFrom } from "../../src/config/settings.js";
import { apiTokens, sessions } from "../../src/database/schema.js";
import { SESSION_ROLL_AFTER_MS, SessionService, sha256 } from "../../src/services/accounts/session-service.js";
import { TokenService } from "../../src/services/accounts/token-service.js";
import { UserService } from "../../src/services/accounts/user-service.js";
import { createTestContext, testEnv, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";
import { freePort } from "../helpers/process.js";

const HOUR = 3600_000;
const TTL_HOURS = 48;
const clock = new FakeClock("2026-03-01T09:00:00Z");
let ctx: AppContext;
let app: App;
beforeAll(async () => {
  ctx = await createTestContext({ SESSION_TTL_HOURS: String(TTL_HOURS) }, { clock });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const me = (headers: Record<string, string>) => app.inject({ method: "GET", url: "/api/me", headers });

async function login(user: TestUser): Promise<Record<string, string>> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: user.email, password: user.password },
  });
  expect(response.statusCode).toBe(200);
  return { cookie: String(response.headers["set-cookie"]).split(";")[0] };
}

async function sessionRow(headers: Record<string, string>) {
  const value = headers.cookie.slice("maang_session=".length);
  const [row] = await ctx.db
    .select()
    .from(sessions)
    .where(eq(sessions.id, sha256(value)));
  return row;
}

describe(`sessions on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it("stores only the sha256 of the cookie, with the configured lifetime", async () => {
    const user = await signUp(app);
    const row = await sessionRow(user.headers);
    expect(row).toBeDefined();
    expect(row.userId).toBe(user.id);
    expect(row.expiresAt.getTime() - clock.now().getTime()).toBe(TTL_HOURS * HOUR);
    const value = user.headers.cookie.slice("maang_session=".length);
    const stored = await ctx.db.select().from(sessions).where(eq(sessions.id, value));
    expect(stored).toEqual([]);
  });

  it("expires after its lifetime without use: 401, and the row is gone", async () => {
    const user = await signUp(app);
    expect((await me(user.headers)).statusCode).toBe(200);
    clock.advance(TTL_HOURS * HOUR + 1000);
    const response = await me(user.headers);
    expect(response.statusCode).toBe(401);
    expect(String(response.headers["set-cookie"])).toMatch(/maang_session=;/);
    expect(await sessionRow(user.headers)).toBeUndefined();
  });

  it("rolls the expiry forward when used after a few minutes, not on every request", async () => {
    const user = await signUp(app);
    const created = await sessionRow(user.headers);

    clock.advance(SESSION_ROLL_AFTER_MS / 5);
    const soon = await me(user.headers);
    expect(soon.statusCode).toBe(200);
    expect(soon.headers["set-cookie"]).toBeUndefined();
    expect((await sessionRow(user.headers)).expiresAt).toEqual(created.expiresAt);

    clock.advance(SESSION_ROLL_AFTER_MS);
    const later = await me(user.headers);
    expect(later.statusCode).toBe(200);
    expect(String(later.headers["set-cookie"])).toContain(user.headers.cookie);
    const rolled = await sessionRow(user.headers);
    expect(rolled.expiresAt.getTime()).toBe(clock.now().getTime() + TTL_HOURS * HOUR);

    // Past the original expiry, but within the rolled one: still logged in.
    clock.set(new Date(created.expiresAt.getTime() + SESSION_ROLL_AFTER_MS / 2));
    expect((await me(user.headers)).statusCode).toBe(200);
  });

  it("a logged-out cookie gets 401 even right after it was cached", async () => {
    const user = await signUp(app);
    expect((await me(user.headers)).statusCode).toBe(200);
    expect((await me(user.headers)).statusCode).toBe(200);
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: user.headers });
    expect(out.statusCode).toBe(204);
    expect((await me(user.headers)).statusCode).toBe(401);
    expect(await sessionRow(user.headers)).toBeUndefined();
  });

  it("logout-all ends every session of that user and only that user", async () => {
    const user = await signUp(app);
    const laptop = await login(user);
    const phone = await login(user);
    const other = await signUp(app);
    for (const headers of [user.headers, laptop, phone, other.headers])
      expect((await me(headers)).statusCode).toBe(200);

    const response = await app.inject({ method: "POST", url: "/api/auth/logout-all", headers: phone });
    expect(response.statusCode).toBe(204);
    for (const headers of [user.headers, laptop, phone]) expect((await me(headers)).statusCode).toBe(401);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await me(other.headers)).statusCode).toBe(200);
  });

  it("lists the user's live sessions, marks the current one, and ends one by id", async () => {
    const user = await signUp(app);
    const second = await login(user);
    const response = await app.inject({ method: "GET", url: "/api/me/sessions", headers: second });
    expect(response.statusCode).toBe(200);
    const list = response.json().sessions as { current: boolean; id: string }[];
    expect(list).toHaveLength(2);
    const current = list.filter((s) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0].id).toBe((await sessionRow(second)).id);
    const firstId = (await sessionRow(user.headers)).id;

    const intruder = await signUp(app);
    const stolen = await app.inject({
      method: "DELETE",
      url: `/api/me/sessions/${firstId}`,
      headers: intruder.headers,
    });
    expect(stolen.statusCode).toBe(404);
    expect((await me(user.headers)).statusCode).toBe(200);

    const ended = await app.inject({ method: "DELETE", url: `/api/me/sessions/${firstId}`, headers: second });
    expect(ended.statusCode).toBe(204);
    expect((await me(user.headers)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
    const bad = await app.inject({ method: "DELETE", url: "/api/me/sessions/not-an-id", headers: second });
    expect(bad.statusCode).toBe(400);
  });

  it("logging in again from the same browser ends the session its new cookie replaces", async () => {
    const user = await signUp(app);
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: user.headers,
      payload: { email: user.email, password: user.password },
    });
    expect(response.statusCode).toBe(200);
    const fresh = { cookie: String(response.headers["set-cookie"]).split(";")[0] };
    expect(fresh.cookie).not.toBe(user.headers.cookie);
    expect((await me(user.headers)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);
  });

  it("drops the user's expired session rows at the next login", async () => {
    const user = await signUp(app);
    const old = await sessionRow(user.headers);
    clock.advance(TTL_HOURS * HOUR + 1000);
    const fresh = await login(user);
    expect(await sessionRow(user.headers)).toBeUndefined();
    expect((await sessionRow(fresh)).id).not.toBe(old.id);
  });

  it("ignores a forged or malformed cookie (401, no error)", async () => {
    for (const cookie of ["maang_session=forged", `maang_session=${"x".repeat(500)}`, "maang_session="]) {
      const response = await me({ cookie });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("unauthorized");
    }
  });
});

describe("personal API tokens", () => {
  async function createToken(user: TestUser, name = "my script") {
    const response = await app.inject({ method: "POST", url: "/api/tokens", headers: user.headers, payload: { name } });
    expect(response.statusCode).toBe(201);
    return response.json().token as { id: number; token: string; prefix: string; name: string };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("is shown once, stored hashed, and never listed", async () => {
    const user = await signUp(app);
    const created = await createToken(user);
    expect(created.token).toMatch(/^mt_[A-Za-z0-9_-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const [row] = await ctx.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const list = await app.inject({ method: "GET", url: "/api/tokens", headers: user.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().tokens).toEqual([
      { id: created.id, name: "my script", prefix: created.prefix, createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(row.tokenHash);
  });

  it("authenticates as Bearer on any route, and records the last use at most once a minute", async () => {
    const user = await signUp(app);
    const created = await createToken(user);
    const response = await me(bearer(created.token));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: user.id, email: user.email }, via: "token" });
    const firstUse = clock.now().toISOString();
    const lastUsed = async () => {
      const list = await app.inject({ method: "GET", url: "/api/tokens", headers: bearer(created.token) });
      return list.json().tokens[0].lastUsedAt as string;
    };
    expect(await lastUsed()).toBe(firstUse);

    clock.advance(30_000);
    expect((await me(bearer(created.token))).statusCode).toBe(200);
    expect(await lastUsed()).toBe(firstUse);

    clock.advance(31_000);
    expect((await me(bearer(created.token))).statusCode).toBe(200);
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it("a revoked token gets 401 with a message that says so, at once", async () => {
    const user = await signUp(app);
    const created = await createToken(user);
    expect((await me(bearer(created.token))).statusCode).toBe(200);
    const revoked = await app.inject({ method: "DELETE", url: `/api/tokens/${created.id}`, headers: user.headers });
    expect(revoked.statusCode).toBe(204);
    const response = await me(bearer(created.token));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toMatch(/unknown or has been revoked/);
    const list = await app.inject({ method: "GET", url: "/api/tokens", headers: user.headers });
    expect(list.json().tokens).toEqual([]);
    const again = await app.inject({ method: "DELETE", url: `/api/tokens/${created.id}`, headers: user.headers });
    expect(again.statusCode).toBe(404);
  });

  it("an unknown or malformed bearer token gets 401, even on a route that needs no login", async () => {
    for (const token of ["mt_doesnotexist", "not-a-token", "mt_" + "a".repeat(400)]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: bearer(token),
        payload: { email: "a@b.co", password: "whatever pw" },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toMatch(/API token/);
    }
    const empty = await me({ authorization: "Bearer " });
    expect(empty.statusCode).toBe(401);
  });

  it("another user gets 404 on my token id, and my token keeps working", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const created = await createToken(owner);
    const response = await app.inject({
      method: "DELETE",
      url: `/api/tokens/${created.id}`,
      headers: intruder.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain(`no active API token with id ${created.id}`);
    expect((await me(bearer(created.token))).statusCode).toBe(200);
    const theirs = await app.inject({ method: "GET", url: "/api/tokens", headers: intruder.headers });
    expect(theirs.json().tokens).toEqual([]);
  });

  it("refuses bad token input with 400 and creates nothing", async () => {
    const user = await signUp(app);
    for (const payload of [{}, { name: "" }, { name: 42 }, { name: "x".repeat(101) }, { name: "ok", scope: "all" }]) {
      const response = await app.inject({ method: "POST", url: "/api/tokens", headers: user.headers, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.message).toMatch(/name|scope|nrecognized/);
    }
    expect(await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toEqual([]);
    const badId = await app.inject({ method: "DELETE", url: "/api/tokens/abc", headers: user.headers });
    expect(badId.statusCode).toBe(400);
  });

  it("tokens die with their account", async () => {
    const user = await signUp(app);
    const created = await createToken(user);
    // deleting the account needs the session (a token may not do it), and takes the token with it
    const deleted = await app.inject({
      method: "DELETE",
      url: "/api/me",
      headers: user.headers,
      payload: { password: user.password },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await me(bearer(created.token))).statusCode).toBe(401);
  });
});

describe("when the cache is down", () => {
  it("signup, session lookups, logout and bearer tokens are answered by the database", async () => {
    const port = await freePort();
    const settings = settingsFrom(testEnv({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_TIMEOUT_MS: "100" }));
    const deadCache = await createCache(settings, ctx.logger);
    const deps = { db: ctx.db, cache: deadCache, clock, logger: ctx.logger };
    const sessionService = new SessionService({ ...deps, settings: ctx.settings });
    const degraded: AppContext = {
      ...ctx,
      cache: deadCache,
      sessions: sessionService,
      tokens: new TokenService(deps),
      users: new UserService({ ...deps, sessions: sessionService }),
    };
    const degradedApp = await createTestApp(degraded);
    try {
      const user = await signUp(degradedApp);
      const who = await degradedApp.inject({ method: "GET", url: "/api/me", headers: user.headers });
      expect(who.statusCode).toBe(200);
      expect(who.json().user.email).toBe(user.email);
      const created = await degradedApp.inject({
        method: "POST",
        url: "/api/tokens",
        headers: user.headers,
        payload: { name: "offline" },
      });
      const token = created.json().token.token as string;
      const viaToken = await degradedApp.inject({
        method: "GET",
        url: "/api/me",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(viaToken.statusCode).toBe(200);
      const out = await degradedApp.inject({ method: "POST", url: "/api/auth/logout", headers: user.headers });
      expect(out.statusCode).toBe(204);
      expect((await degradedApp.inject({ method: "GET", url: "/api/me", headers: user.headers })).statusCode).toBe(401);
      // The healthy app (the real cache) agrees with what the degraded one wrote.
      expect((await me(user.headers)).statusCode).toBe(401);
      expect((await me({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
    } finally {
      await degradedApp.close();
      await deadCache.close();
    }
  });
});
