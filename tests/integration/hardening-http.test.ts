// Issue 17, items 4 and 6–9: a forged X-Forwarded-For cannot defeat the login limit, cross-site
// browser requests cannot change state, security headers on every answer, API tokens cannot manage
// tokens / the password / the account and end with a password change, /mcp counts against the write
// limit, imports are bounded, /metrics can need a token.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, CONTENT_SECURITY_POLICY } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { SettingsError, settingsFrom } from "../../src/config/settings.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, type TestUser } from "../helpers/http.js";

const PROXY = "10.77.0.10";
const LOGIN_LIMIT = 3;
const WRITE_LIMIT = 5;
const randomIp = () => `203.0.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

let ctx: AppContext;
let app: App;
beforeAll(async () => {
  ctx = await createTestContext({
    TRUST_PROXY: PROXY,
    RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
    METRICS_TOKEN: "metrics-token-0123456789",
    IMPORT_MAX_MB: "1",
    REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}`,
  });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** Signs up from an address of its own: this file's login limit is tiny. */
async function signUp(target: App): Promise<TestUser> {
  const email = uniqueEmail();
  const password = "correct horse battery";
  const response = await target.inject({
    method: "POST",
    url: "/api/auth/signup",
    remoteAddress: randomIp(),
    payload: { email, password, name: "Test User", timezone: "UTC" },
  });
  expect(response.statusCode, response.body).toBe(201);
  const cookie = String(response.headers["set-cookie"]).split(";")[0];
  return { id: response.json().user.id, email, password, headers: { cookie } };
}

async function createToken(user: TestUser): Promise<string> {
  const created = await ctx.tokens.create(user.id, "script");
  return created.token;
}

describe(`request hardening on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it("refuses TRUST_PROXY=true at startup, with what to set instead", () => {
    expect(() => settingsFrom(testEnv({ TRUST_PROXY: "true" }))).toThrow(SettingsError);
    expect(() => settingsFrom(testEnv({ TRUST_PROXY: "true" }))).toThrow(/number of proxies|addresses/);
    expect(settingsFrom(testEnv({ TRUST_PROXY: "1" })).server.trustProxy).toBe(1);
    expect(settingsFrom(testEnv({ TRUST_PROXY: "172.28.0.10, 10.0.0.0/8" })).server.trustProxy).toEqual([
      "172.28.0.10",
      "10.0.0.0/8",
    ]);
  });

  it("does not let a rotating X-Forwarded-For defeat the login rate limit", async () => {
    const attacker = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 3; i++) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: attacker,
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        payload: { email: uniqueEmail(), password: "wrong password" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, LOGIN_LIMIT)).toEqual(Array(LOGIN_LIMIT).fill(401));
    expect(statuses.slice(LOGIN_LIMIT)).toEqual([429, 429, 429]);
  });

  it("still tells clients apart behind the trusted proxy", async () => {
    const viaProxy = (client: string) =>
      app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: PROXY,
        headers: { "x-forwarded-for": client },
        payload: { email: uniqueEmail(), password: "wrong password" },
      });
    const first = randomIp();
    for (let i = 0; i < LOGIN_LIMIT; i++) expect((await viaProxy(first)).statusCode).toBe(401);
    expect((await viaProxy(first)).statusCode).toBe(429);
    expect((await viaProxy(randomIp())).statusCode).toBe(401);
  });

  it("refuses a cross-site form post to log out everywhere, and keeps the session", async () => {
    const user = await signUp(app);
    const forged = await app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { ...user.headers, origin: "https://evil.example", "content-type": "text/plain" },
      payload: "x=1",
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toMatch(/Cross-site request refused/);
    const noOrigin = await app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { ...user.headers, "sec-fetch-site": "cross-site" },
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(200);
    const own = await app.inject({
      method: "POST",
      url: "/api/auth/logout-all",
      headers: { ...user.headers, origin: "http://localhost:80", host: "localhost:80" },
    });
    expect(own.statusCode).toBe(204);
    expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(401);
  });

  it("lets Bearer-token calls through whatever their Origin", async () => {
    const user = await signUp(app);
    const token = await createToken(user);
    const response = await app.inject({
      method: "POST",
      url: "/api/attempts",
      headers: { authorization: `Bearer ${token}`, origin: "https://elsewhere.example" },
      payload: { problem: "two-sum", outcome: "solved" },
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("sends a CSP without framing, nosniff and a referrer policy, and docker/nginx.conf sends the same", async () => {
    const response = await app.inject({ url: "/api/me" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("same-origin");
    const nginx = readFileSync(new URL("../../docker/nginx.conf", import.meta.url), "utf8");
    for (const [directive, values] of Object.entries(CONTENT_SECURITY_POLICY)) {
      const name = directive.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(nginx).toContain(`${name} ${values.join(" ")}`);
    }
    expect(nginx).toMatch(/add_header X-Content-Type-Options "nosniff" always;/);
    expect(nginx).toMatch(/add_header Referrer-Policy "same-origin" always;/);
  });

  it("does not let an API token mint tokens, change the password or delete the account", async () => {
    const user = await signUp(app);
    const auth = { authorization: `Bearer ${await createToken(user)}` };
    const mint = await app.inject({ method: "POST", url: "/api/tokens", headers: auth, payload: { name: "more" } });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().error.code).toBe("token_not_allowed");
    const password = await app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: auth,
      payload: { currentPassword: user.password, newPassword: "another long password" },
    });
    expect(password.statusCode).toBe(403);
    const remove = await app.inject({
      method: "DELETE",
      url: "/api/me",
      headers: auth,
      payload: { password: user.password },
    });
    expect(remove.statusCode).toBe(403);
    expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(200);
    expect((await ctx.tokens.list(user.id)).length).toBe(1);
  });

  it("ends every other session and every API token when the password changes", async () => {
    const user = await signUp(app);
    const token = await createToken(user);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: randomIp(),
      payload: { email: user.email, password: user.password },
    });
    const other = { cookie: String(login.headers["set-cookie"]).split(";")[0] };
    expect((await app.inject({ url: "/api/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const changed = await app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: user.headers,
      payload: { currentPassword: user.password, newPassword: "a brand new passphrase" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ sessionsRevoked: 1, tokensRevoked: 1 });
    expect((await app.inject({ url: "/api/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/me", headers: other })).statusCode).toBe(401);
    expect((await app.inject({ url: "/api/me", headers: user.headers })).statusCode).toBe(200);
  });

  it("refuses an import body past IMPORT_MAX_MB with a 413 that says the limit", async () => {
    const user = await signUp(app);
    const big = JSON.stringify({ format: "maang-tracker-export", padding: "x".repeat(1_200_000) });
    const response = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: { ...user.headers, "content-type": "application/json" },
      payload: big,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toMatch(/larger than 1 MB.*IMPORT_MAX_MB/);
  });

  it("serves /metrics only with METRICS_TOKEN when it is set", async () => {
    expect((await app.inject({ url: "/metrics" })).statusCode).toBe(401);
    const wrong = await app.inject({ url: "/metrics", headers: { authorization: "Bearer not-the-token-000000" } });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.inject({ url: "/metrics", headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("http_request");
  });
});

describe("/mcp inside the write rate limit", () => {
  let limited: AppContext;
  let limitedApp: App;
  beforeAll(async () => {
    limited = await createTestContext({
      RATE_LIMIT_WRITE_PER_MINUTE: String(WRITE_LIMIT),
      REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    });
    limitedApp = await createTestApp(limited);
  });
  afterAll(async () => {
    await limitedApp?.close();
    await limited?.close();
  });

  it("answers 429 once a token has used the write budget through MCP", async () => {
    const user = await limited.users.signup({ email: uniqueEmail("mcp-limit"), password: "correct horse battery" });
    const { token } = await limited.tokens.create(user.id, "mcp");
    const call = (id: number) =>
      limitedApp.inject({
        method: "POST",
        url: "/mcp",
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json, text/event-stream",
          "content-type": "application/json",
        },
        payload: { jsonrpc: "2.0", id, method: "tools/list", params: {} },
      });
    const statuses: number[] = [];
    for (let i = 0; i < WRITE_LIMIT + 2; i++) statuses.push((await call(i + 1)).statusCode);
    expect(statuses.slice(0, WRITE_LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(WRITE_LIMIT)).toEqual([429, 429]);
  });
});
