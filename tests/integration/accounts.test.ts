import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { settingsFrom } from "../../src/config/settings.js";
import { users } from "../../src/database/schema.js";
import { countUserRows, seedAccountData } from "../helpers/account-data.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp } from "../helpers/http.js";

let ctx: AppContext;
let app: App;
beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const raw = response.headers["set-cookie"];
  const first = Array.isArray(raw) ? raw[0] : (raw as string);
  return first.split(";")[0];
}

async function login(email: string, password: string) {
  return app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
}

async function me(headers: Record<string, string>) {
  return app.inject({ method: "GET", url: "/api/me", headers });
}

async function userRow(email: string) {
  const [row] = await ctx.db.select().from(users).where(eq(users.email, email));
  return row;
}

describe(`accounts on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it("signs up with 201, an httpOnly SameSite=Lax session cookie, and never returns the password hash", async () => {
    const email = uniqueEmail("signup");
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      payload: {
        email: email.toUpperCase(),
        password: "correct horse battery",
        name: "Ada",
        timezone: "Europe/Berlin",
      },
    });
    expect(response.statusCode).toBe(201);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^maang_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    const body = response.json();
    expect(body.user).toMatchObject({ email, name: "Ada", timezone: "Europe/Berlin", targetRetention: 0.9 });
    expect(response.body).not.toMatch(/password|argon2/i);
    const row = await userRow(email);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordAlgo).toBe("argon2id");

    const who = await me({ cookie: cookieOf(response) });
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { id: body.user.id, email }, via: "session" });
    expect(who.body).not.toMatch(/passwordHash|argon2/);
  });

  it("refuses a second account with the same email (any case) with 409", async () => {
    const user = await signUp(app);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      payload: { email: ` ${user.email.toUpperCase()} `, password: "another password" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain("already exists");
  });

  it("logs in with the right password and answers a wrong email and a wrong password the same way", async () => {
    const user = await signUp(app);
    const ok = await login(user.email, user.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(user.email);
    expect((await me({ cookie: cookieOf(ok) })).statusCode).toBe(200);

    const wrongPassword = await login(user.email, "not the password");
    const wrongEmail = await login(uniqueEmail("nobody"), user.password);
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(wrongEmail.json());
    expect(wrongPassword.json().error.message).toBe("Email or password is incorrect.");
    expect(wrongPassword.headers["set-cookie"]).toBeUndefined();
  });

  it("logs out: 204, the cookie is cleared, and the old cookie then gets 401", async () => {
    const user = await signUp(app);
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: user.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/maang_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await me(user.headers);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("unauthorized");
  });

  it("answers /api/me without credentials with 401 and a message saying how to log in", async () => {
    const response = await me({});
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toMatch(/session cookie|Bearer/);
  });

  it("changes the password only with the current one, and logs out every other session", async () => {
    const user = await signUp(app);
    const other = cookieOf(await login(user.email, user.password));

    const wrong = await app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: user.headers,
      payload: { currentPassword: "not it at all", newPassword: "a brand new secret" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe("The current password is incorrect.");
    expect((await login(user.email, user.password)).statusCode).toBe(200);

    const tooShort = await app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: user.headers,
      payload: { currentPassword: user.password, newPassword: "short" },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain("at least 8");

    const changed = await app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: user.headers,
      payload: { currentPassword: user.password, newPassword: "a brand new secret" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().sessionsRevoked).toBe(2); // `other` and the one from the successful login check
    expect((await me(user.headers)).statusCode).toBe(200);
    expect((await me({ cookie: other })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, "a brand new secret")).statusCode).toBe(200);
  });

  it("upgrades a legacy bcrypt account to argon2id at its first successful login", async () => {
    const email = uniqueEmail("legacy");
    await ctx.db.insert(users).values({
      email,
      passwordHash: await bcrypt.hash("old platform pw", 4),
      passwordAlgo: "bcrypt",
    });
    expect((await login(email, "wrong old pw")).statusCode).toBe(401);
    expect((await userRow(email)).passwordAlgo).toBe("bcrypt");

    const ok = await login(email, "old platform pw");
    expect(ok.statusCode).toBe(200);
    const row = await userRow(email);
    expect(row.passwordAlgo).toBe("argon2id");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login(email, "old platform pw")).statusCode).toBe(200);
    expect((await login(email, "wrong old pw")).statusCode).toBe(401);
  });

  it("deletes the account only with its password, and every row it owned goes with it", async () => {
    const user = await signUp(app);
    const bystander = await signUp(app);
    await seedAccountData(ctx.db, user.id, "doomed");
    await seedAccountData(ctx.db, bystander.id, "bystander");
    await app.inject({ method: "POST", url: "/api/tokens", headers: user.headers, payload: { name: "cli" } });
    const before = await countUserRows(ctx.db, user.id);
    for (const [table, n] of Object.entries(before)) expect(n, table).toBeGreaterThan(0);
    const bystanderBefore = await countUserRows(ctx.db, bystander.id);

    const wrong = await app.inject({
      method: "DELETE",
      url: "/api/me",
      headers: user.headers,
      payload: { password: "not the password" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(await countUserRows(ctx.db, user.id)).toEqual(before);

    const deleted = await app.inject({
      method: "DELETE",
      url: "/api/me",
      headers: user.headers,
      payload: { password: user.password },
    });
    expect(deleted.statusCode).toBe(204);
    expect(await userRow(user.email)).toBeUndefined();
    const after = await countUserRows(ctx.db, user.id);
    for (const [table, n] of Object.entries(after)) expect(n, table).toBe(0);
    expect(await countUserRows(ctx.db, bystander.id)).toEqual(bystanderBefore);
    expect((await me(user.headers)).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
  });
});

describe("settings", () => {
  it("updates timezone, limits, retention, hours, interview date, focus topic and webhook", async () => {
    const user = await signUp(app);
    const response = await app.inject({
      method: "PATCH",
      url: "/api/me/settings",
      headers: user.headers,
      payload: {
        timezone: "America/New_York",
        dailyNewLimit: 5,
        targetRetention: 0.85,
        weeklyHours: 10.5,
        interviewDate: "2027-03-01",
        focusTopic: "graphs",
        webhookUrl: "https://hooks.example.com/abc",
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      timezone: "America/New_York",
      dailyNewLimit: 5,
      targetRetention: 0.85,
      weeklyHours: 10.5,
      interviewDate: "2027-03-01",
      focusTopic: "graphs",
      webhookUrl: "https://hooks.example.com/abc",
    });
    // The identity cached for the session follows the new timezone at once.
    expect((await me(user.headers)).json().user.timezone).toBe("America/New_York");

    const cleared = await app.inject({
      method: "PATCH",
      url: "/api/me/settings",
      headers: user.headers,
      payload: { interviewDate: null, focusTopic: null, webhookUrl: null },
    });
    expect(cleared.json().user).toMatchObject({
      interviewDate: null,
      focusTopic: null,
      webhookUrl: null,
      dailyNewLimit: 5,
    });
  });

  it.each([
    [{ timezone: "Mars/Olympus_Mons" }, /not an IANA timezone/],
    [{ targetRetention: 0.5 }, /targetRetention/],
    [{ targetRetention: 1 }, /targetRetention/],
    [{ dailyNewLimit: -1 }, /dailyNewLimit/],
    [{ dailyNewLimit: 2.5 }, /dailyNewLimit/],
    [{ weeklyHours: "ten" }, /weeklyHours/],
    [{ interviewDate: "2027-02-30" }, /not a date/],
    [{ focusTopic: "astrology" }, /not a topic; use one of: arrays/],
    [{ webhookUrl: "ftp://files.example.com/x" }, /https:\/\/ or http:\/\//],
    [{ webhookUrl: "not a url" }, /not a URL/],
    [{ name: "x".repeat(101) }, /name/],
    [{ theme: "dark" }, /theme|Unrecognized|unrecognized/],
  ])("refuses %j with a 400 that says why, changing nothing", async (payload, message) => {
    const user = await signUp(app);
    const before = await userRow(user.email);
    const response = await app.inject({ method: "PATCH", url: "/api/me/settings", headers: user.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(await userRow(user.email)).toEqual(before);
  });
});

describe("bad input on the account routes", () => {
  it.each([
    ["a missing password", { email: "x@example.com" }, /password/],
    ["a wrong-typed email", { email: 42, password: "long enough pw" }, /email/],
    ["an oversized password", { email: "x@example.com", password: "p".repeat(5000) }, /password/],
    ["an oversized email", { email: `${"a".repeat(300)}@example.com`, password: "long enough pw" }, /email/],
    ["an unknown field", { email: "x@example.com", password: "long enough pw", admin: true }, /admin|nrecognized/],
    ["a bad email", { email: "not-an-email", password: "long enough pw" }, /not an email address/],
    ["a short password", { email: "x@example.com", password: "short" }, /too short/],
    ["an unknown timezone", { email: "x@example.com", password: "long enough pw", timezone: "Nowhere/Land" }, /IANA/],
  ])("signup with %s gets a 400 with a message and creates nothing", async (_label, payload, message) => {
    const email = uniqueEmail("bad");
    const body = payload.email === "x@example.com" ? { ...payload, email } : payload;
    const response = await app.inject({ method: "POST", url: "/api/auth/signup", payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(await userRow(email)).toBeUndefined();
  });

  it("login with unknown fields or a non-JSON body is a 400, not a 500", async () => {
    const extra = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.co", password: "whatever pw", remember: true },
    });
    expect(extra.statusCode).toBe(400);
    const text = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(text.statusCode).toBe(400);
  });

  it("account deletion without the password is refused and deletes nothing", async () => {
    const user = await signUp(app);
    const response = await app.inject({ method: "DELETE", url: "/api/me", headers: user.headers, payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/password/);
    expect(await userRow(user.email)).toBeDefined();
  });
});

describe("OpenAPI", () => {
  it("documents every account, token and export route with its request schema", async () => {
    const response = await app.inject({ method: "GET", url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/auth/signup",
        "/api/auth/login",
        "/api/auth/logout",
        "/api/auth/logout-all",
        "/api/me",
        "/api/me/settings",
        "/api/me/password",
        "/api/me/sessions",
        "/api/me/sessions/{id}",
        "/api/tokens",
        "/api/tokens/{id}",
        "/api/export",
        "/api/import",
      ]),
    );
    const signup = spec.paths["/api/auth/signup"].post.requestBody.content["application/json"].schema;
    expect(signup.required).toEqual(["email", "password"]);
    expect(signup.additionalProperties).toBe(false);
  });
});

describe("the Secure flag of the session cookie", () => {
  it("is set when COOKIE_SECURE=true, and with auto only for requests that came over TLS", async () => {
    const secureCtx = { ...ctx, settings: settingsFrom(testEnv({ COOKIE_SECURE: "true" })) };
    const secureApp = await createTestApp(secureCtx);
    const proxiedCtx = { ...ctx, settings: settingsFrom(testEnv({ COOKIE_SECURE: "auto", TRUST_PROXY: "127.0.0.1" })) };
    const proxiedApp = await createTestApp(proxiedCtx);
    try {
      const signupPayload = () => ({ email: uniqueEmail("secure"), password: "correct horse battery" });
      const always = await secureApp.inject({ method: "POST", url: "/api/auth/signup", payload: signupPayload() });
      expect(String(always.headers["set-cookie"])).toContain("Secure");

      const overTls = await proxiedApp.inject({
        method: "POST",
        url: "/api/auth/signup",
        headers: { "x-forwarded-proto": "https" },
        payload: signupPayload(),
      });
      expect(String(overTls.headers["set-cookie"])).toContain("Secure");
      const plain = await proxiedApp.inject({ method: "POST", url: "/api/auth/signup", payload: signupPayload() });
      expect(String(plain.headers["set-cookie"])).not.toContain("Secure");
    } finally {
      await secureApp.close();
      await proxiedApp.close();
    }
  });
});
