// Issue 17, items 1–3: text with a NUL character and ids past PostgreSQL's int4 are refused with a 400
// that names the field (HTTP) or a clear tool error (MCP tools), never a 500; and no query parameter,
// password hash, password or cookie reaches a log line when a query fails.
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { createLogger } from "../../src/config/logger.js";
import { settingsFrom } from "../../src/config/settings.js";
import { createTestContext, testEnv, uniqueEmail, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

const NUL = "\u0000";
const PAST_INT4 = 2_147_483_648;

let ctx: AppContext;
let app: App;
let user: TestUser;
beforeAll(async () => {
  ctx = await createTestContext();
  app = await createTestApp(ctx);
  user = await signUp(app);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

type Call = { method: "GET" | "POST" | "PUT" | "PATCH"; url: string; payload?: unknown; field: string };

const NUL_CALLS: Call[] = [
  { method: "POST", url: "/api/memories", payload: { text: `a${NUL}b` }, field: "body.text" },
  { method: "PUT", url: "/api/problems/two-sum/notes", payload: { body: `x${NUL}` }, field: "body.body" },
  {
    method: "POST",
    url: "/api/attempts",
    payload: { problem: "two-sum", outcome: "solved", notes: `n${NUL}` },
    field: "body.notes",
  },
  { method: "PATCH", url: "/api/me/settings", payload: { name: `Ann${NUL}` }, field: "body.name" },
  { method: "POST", url: "/api/tokens", payload: { name: `cli${NUL}` }, field: "body.name" },
  { method: "POST", url: "/api/schedule", payload: { company: `Acme${NUL}` }, field: "body.company" },
  { method: "GET", url: "/api/problems?q=%00", field: "querystring.q" },
  { method: "POST", url: "/api/chat", payload: { message: `hi${NUL}`, stream: false }, field: "body.message" },
];

const INT4_CALLS: { method: "GET" | "POST"; url: string; payload?: unknown }[] = [
  { method: "GET", url: `/api/interviews/questions/${PAST_INT4}` },
  { method: "GET", url: `/api/conversations/${PAST_INT4}/messages` },
  { method: "GET", url: `/api/leetcode/sync/${PAST_INT4}` },
  { method: "POST", url: "/api/chat", payload: { message: "hello", conversationId: PAST_INT4, stream: false } },
];

describe(`hostile input on ${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`, () => {
  it.each(NUL_CALLS)("refuses a NUL character in $method $url with a 400 naming $field", async (call) => {
    const response = await app.inject({ ...call, headers: user.headers } as never);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain(call.field);
    expect(response.json().error.message).toMatch(/NUL/);
  });

  it("refuses a NUL character in the signup name before any account is created", async () => {
    const email = uniqueEmail("nul");
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/signup",
      payload: { email, password: "correct horse battery", name: `x${NUL}` },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain("body.name");
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: "correct horse battery" },
    });
    expect(login.statusCode).toBe(401);
  });

  it.each(INT4_CALLS)("answers $method $url (an id past int4) with a 4xx, not a 500", async (call) => {
    const response = await app.inject({ ...call, headers: user.headers } as never);
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, response.body).toBeLessThan(500);
  });

  it("MCP tools refuse an id past int4 and a NUL character with a tool error that names the argument", async () => {
    const actor = { id: user.id, timezone: "UTC" };
    const forget = await ctx.agentTools.call(actor, "forget_memory", { id: PAST_INT4 });
    expect(forget).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect(!forget.ok && forget.error).toMatch(/id/);
    const submit = await ctx.agentTools.call(actor, "submit_interview_code", {
      sessionId: PAST_INT4,
      language: "python",
      code: "print(1)",
    });
    expect(submit).toMatchObject({ ok: false, code: "invalid_arguments" });
    const remember = await ctx.agentTools.call(actor, "remember", { text: `a${NUL}b` });
    expect(remember).toMatchObject({ ok: false, code: "invalid_arguments" });
    expect(!remember.ok && remember.error).toMatch(/text.*NUL/);
  });
});

describe("MCP over HTTP", () => {
  it("answers a tool call with an id past int4 or a NUL character with a clear error, not a server failure", async () => {
    const { token } = await ctx.tokens.create(user.id, "mcp hostile input");
    const call = async (name: string, args: unknown) => {
      const response = await app.inject({
        method: "POST",
        url: "/mcp",
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json, text/event-stream",
          "content-type": "application/json",
        },
        payload: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } },
      });
      expect(response.statusCode).toBeLessThan(500);
      return response.body;
    };
    const forget = await call("forget_memory", { id: PAST_INT4 });
    expect(forget).toMatch(/2147483647/);
    expect(forget).not.toMatch(/failed on the server/);
    const remember = await call("remember", { text: `a${NUL}b` });
    expect(remember).toMatch(/NUL/);
    expect(remember).toMatch(/"isError":true/);
  });
});

describe("no secret in a log line", () => {
  const lines: string[] = [];
  let logCtx: AppContext;
  let logApp: App;
  const trigger = "maang_test_refuse_signup";
  beforeAll(async () => {
    const settings = settingsFrom(testEnv({ LOG_LEVEL: "debug", NODE_ENV: "development", LOG_FORMAT: "json" }));
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    logCtx = await createTestContext({}, { logger: createLogger(settings, { stream }) });
    logApp = await createTestApp(logCtx);
    // A signup whose insert fails inside PostgreSQL, as the outside review saw with a NUL byte: the
    // failed query carries the new account's argon2 hash among its parameters.
    await logCtx.db.execute(
      sql.raw(`create or replace function ${trigger}() returns trigger language plpgsql as $$
        begin if new.email like 'refused-%' then raise exception 'signup refused by a test trigger'; end if;
        return new; end $$`),
    );
    await logCtx.db.execute(sql.raw(`drop trigger if exists ${trigger} on users`));
    await logCtx.db.execute(
      sql.raw(`create trigger ${trigger} before insert on users for each row execute function ${trigger}()`),
    );
  });
  afterAll(async () => {
    await logCtx?.db.execute(sql.raw(`drop trigger if exists ${trigger} on users`));
    await logCtx?.db.execute(sql.raw(`drop function if exists ${trigger}()`));
    await logApp?.close();
    await logCtx?.close();
  });

  it("logs a failed signup without the password, its argon2 hash, the email or the cookie", async () => {
    const password = "a very secret passphrase 1234";
    const cookie = "maang_session=cookie-value-that-must-not-be-logged";
    const email = uniqueEmail("refused");
    const response = await logApp.inject({
      method: "POST",
      url: "/api/auth/signup",
      headers: { cookie },
      payload: { email: `refused-${email}`, password, name: "Refused" },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const log = lines.join("");
    expect(log).toContain("unhandled error");
    expect(log).not.toContain("$argon2");
    expect(log).not.toContain(password);
    expect(log).not.toContain(`refused-${email}`);
    expect(log).not.toContain("cookie-value-that-must-not-be-logged");
  });
});
