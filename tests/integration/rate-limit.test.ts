// Rate limits: login/signup per IP, writes per user, the platform's error shape with when to retry, and
// requests that still pass when the rate-limit store (Redis) is down.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createTestContext, uniqueEmail } from "../helpers/context.js";
import { createTestApp, signUp } from "../helpers/http.js";
import { freePort } from "../helpers/process.js";

/** An address no other test uses, so counters shared through Redis never mix. */
const randomIp = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

describe("rate limits", () => {
  let ctx: AppContext;
  let app: App;

  beforeAll(async () => {
    ctx = await createTestContext({
      RATE_LIMIT_LOGIN_PER_MINUTE: "3",
      RATE_LIMIT_WRITE_PER_MINUTE: "4",
      REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    });
    app = await createTestApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  const login = (ip: string, email = uniqueEmail()) =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: ip,
      payload: { email, password: "not the password" },
    });

  it("answers 429 with the error shape and when to retry after too many logins from one address", async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) expect((await login(ip)).statusCode).toBe(401);
    const limited = await login(ip);
    expect(limited.statusCode).toBe(429);
    const body = limited.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/^Too many login or signup attempts .*; try again in \d+ seconds?\.$/);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    // signup shares the address's budget; another address is not affected
    const signup = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      remoteAddress: ip,
      payload: { email: uniqueEmail(), password: "correct horse battery", name: "Limited", timezone: "UTC" },
    });
    expect(signup.statusCode).toBe(429);
    expect((await login(randomIp())).statusCode).toBe(401);
  });

  it("limits writes per user, not reads, and not other users", async () => {
    const [first, second] = [await signUp(app), await signUp(app)];
    const rename = (headers: Record<string, string>, name: string) =>
      app.inject({ method: "PATCH", url: "/api/me/settings", headers, payload: { name } });
    for (let i = 0; i < 4; i++) expect((await rename(first.headers, `Name ${i}`)).statusCode).toBe(200);
    const limited = await rename(first.headers, "One too many");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/^Too many changes .*try again in \d+ seconds?\./),
      },
    });
    for (let i = 0; i < 10; i++)
      expect((await app.inject({ url: "/api/me", headers: first.headers })).statusCode).toBe(200);
    const me = (await app.inject({ url: "/api/me", headers: first.headers })).json() as { user: { name: string } };
    expect(me.user.name).toBe("Name 3");
    expect((await rename(second.headers, "Still allowed")).statusCode).toBe(200);
  });
});

describe("rate limits when Redis is down", () => {
  let ctx: AppContext;
  let app: App;

  beforeAll(async () => {
    // nothing listens on this port: the rate-limit store and the cache both fail
    const port = await freePort();
    ctx = await createTestContext({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RATE_LIMIT_LOGIN_PER_MINUTE: "1",
      RATE_LIMIT_WRITE_PER_MINUTE: "1",
    });
    app = await createTestApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.close();
  });

  it("lets every request through rather than failing it", async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: ip,
        payload: { email: uniqueEmail(), password: "not the password" },
      });
      expect(response.statusCode).toBe(401);
    }
  });
});
