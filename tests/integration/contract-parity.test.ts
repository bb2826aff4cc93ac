// One contract per use case: the REST route and the MCP/mentor tool parse with the same schema, so
// they refuse the same bad input with the same message and accept the same good input (issue 14).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { MAX_MEMORY_CHARS, MAX_MEMORY_QUERY_CHARS } from "../../src/memory/contract.js";
import {
  MAX_CODE_BYTES,
  MAX_COMPANY_CHARS,
  MAX_INTERVIEW_MINUTES,
  MAX_LANGUAGE_NAME_CHARS,
  MAX_ROLE_CHARS,
} from "../../src/services/interviews/contract.js";
import { MAX_PAGE_SIZE } from "../../src/services/shared/pagination.js";
import { MAX_MINUTES, MAX_NOTES_LENGTH } from "../../src/services/tracking/contract.js";
import { createTestContext, usingPostgres } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_WRITE_PER_MINUTE: "100000", RATE_LIMIT_LOGIN_PER_MINUTE: "100000" });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

type Method = "GET" | "POST";
interface RouteError {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

async function route(user: TestUser, method: Method, url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
}

async function tool(user: TestUser, name: string, args: unknown) {
  return ctx.agentTools.call({ id: user.id, timezone: "UTC" }, name, args);
}

/**
 * Sends the same bad input to a route and a tool and returns both messages for `field`: the route's
 * validation detail and the tool's `field: message` clause.
 */
async function refusals(
  user: TestUser,
  request: { method: Method; url: string; body?: unknown },
  toolName: string,
  args: unknown,
  field: string,
) {
  const http = await route(user, request.method, request.url, request.body);
  expect(http.status).toBe(400);
  const detail = (http.body as RouteError).error.details?.find((d) => d.field.endsWith(`.${field}`));
  expect(detail, JSON.stringify(http.body)).toBeDefined();
  const called = await tool(user, toolName, args);
  expect(called.ok).toBe(false);
  const error = called.ok ? "" : called.error;
  return { routeMessage: detail?.message ?? "", toolError: error };
}

describe(`route and tool parity on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("log_attempt and POST /api/attempts refuse the same bad input with the same message", async () => {
    const user = await signUp(app);
    const cases: [string, Record<string, unknown>][] = [
      ["problem", { problem: "Two Sum", outcome: "solved" }],
      ["minutes", { problem: "two-sum", outcome: "solved", minutes: MAX_MINUTES + 1 }],
      ["notes", { problem: "two-sum", outcome: "solved", notes: "x".repeat(MAX_NOTES_LENGTH + 1) }],
      ["attemptedAt", { problem: "two-sum", outcome: "solved", attemptedAt: "yesterday" }],
      ["outcome", { problem: "two-sum", outcome: "won" }],
    ];
    for (const [field, input] of cases) {
      const { routeMessage, toolError } = await refusals(
        user,
        { method: "POST", url: "/api/attempts", body: input },
        "log_attempt",
        input,
        field,
      );
      expect(routeMessage.length).toBeGreaterThan(0);
      expect(toolError).toContain(`${field}: ${routeMessage}`);
    }
    const attempts = await route(user, "GET", "/api/attempts");
    expect(attempts.body.total).toBe(0);
  });

  it("log_attempt and POST /api/attempts both take a plain date or a date-time, and refuse the future alike", async () => {
    const user = await signUp(app);
    const byRoute = await route(user, "POST", "/api/attempts", {
      problem: "two-sum",
      outcome: "solved",
      attemptedAt: "2026-01-02",
    });
    expect(byRoute.status).toBe(201);
    const byTool = await tool(user, "log_attempt", {
      problem: "two-sum",
      outcome: "failed",
      attemptedAt: "2026-01-03",
    });
    expect(byTool.ok).toBe(true);
    const byToolTime = await tool(user, "log_attempt", {
      problem: "two-sum",
      outcome: "solved",
      attemptedAt: "2026-01-04T09:30:00+02:00",
    });
    expect(byToolTime.ok).toBe(true);
    const list = await route(user, "GET", "/api/attempts");
    expect(list.body.items.map((a: { attemptedAt: string }) => a.attemptedAt)).toEqual([
      "2026-01-04T07:30:00.000Z",
      "2026-01-03T00:00:00.000Z",
      "2026-01-02T00:00:00.000Z",
    ]);

    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const routeFuture = await route(user, "POST", "/api/attempts", {
      problem: "two-sum",
      outcome: "solved",
      attemptedAt: future,
    });
    const toolFuture = await tool(user, "log_attempt", { problem: "two-sum", outcome: "solved", attemptedAt: future });
    expect(routeFuture.status).toBe(400);
    expect(toolFuture).toEqual({ ok: false, code: routeFuture.body.error.code, error: routeFuture.body.error.message });
  });

  it("list_attempts and GET /api/attempts share one page-size maximum", async () => {
    const user = await signUp(app);
    const { routeMessage, toolError } = await refusals(
      user,
      { method: "GET", url: `/api/attempts?limit=${MAX_PAGE_SIZE + 1}` },
      "list_attempts",
      { limit: MAX_PAGE_SIZE + 1 },
      "limit",
    );
    expect(toolError).toContain(`limit: ${routeMessage}`);
    expect((await route(user, "GET", `/api/attempts?limit=${MAX_PAGE_SIZE}`)).status).toBe(200);
    expect((await tool(user, "list_attempts", { limit: MAX_PAGE_SIZE })).ok).toBe(true);
  });

  it("remember and POST /api/memories cap text at the same length", async () => {
    const user = await signUp(app);
    const tooLong = "word ".repeat(MAX_MEMORY_CHARS / 5 + 1);
    const { routeMessage, toolError } = await refusals(
      user,
      { method: "POST", url: "/api/memories", body: { text: tooLong } },
      "remember",
      { text: tooLong },
      "text",
    );
    expect(toolError).toContain(`text: ${routeMessage}`);
    // 20,000 characters: the tool used to refuse anything over 10,000 that the route took
    const long = "notes on heaps and intervals ".repeat(700);
    expect((await route(user, "POST", "/api/memories", { text: long })).status).toBe(201);
    const remembered = await tool(user, "remember", { text: `${long} again` });
    expect(remembered.ok).toBe(true);
  });

  it("start_mock_interview and POST /api/interviews/sessions share duration, company and role limits", async () => {
    const user = await signUp(app);
    const cases: [string, Record<string, unknown>][] = [
      ["durationMinutes", { mode: "coding", durationMinutes: MAX_INTERVIEW_MINUTES + 1 }],
      ["company", { mode: "coding", company: "c".repeat(MAX_COMPANY_CHARS + 1) }],
      ["role", { mode: "coding", role: "r".repeat(MAX_ROLE_CHARS + 1) }],
      ["company", { mode: "coding", company: "  " }],
      ["question", { mode: "coding", question: "Two Sum!" }],
    ];
    for (const [field, input] of cases) {
      const { routeMessage, toolError } = await refusals(
        user,
        { method: "POST", url: "/api/interviews/sessions", body: input },
        "start_mock_interview",
        input,
        field,
      );
      expect(toolError).toContain(`${field}: ${routeMessage}`);
    }
    // 200 minutes: past the tool's old 180 cap, within the route's 240
    const good = { mode: "coding", question: "two-sum", durationMinutes: 200, company: "Acme", role: "SWE II" };
    const byRoute = await route(user, "POST", "/api/interviews/sessions", good);
    expect(byRoute.status).toBe(201);
    const other = await signUp(app);
    const byTool = await tool(other, "start_mock_interview", good);
    expect(byTool.ok, JSON.stringify(byTool)).toBe(true);
  });

  it("search_memory and GET /api/memories/search refuse the same query and page size with the same message", async () => {
    const user = await signUp(app);
    const cases: [string, string, Record<string, unknown>][] = [
      ["q", `q=${"x".repeat(MAX_MEMORY_QUERY_CHARS + 1)}`, { query: "x".repeat(MAX_MEMORY_QUERY_CHARS + 1) }],
      ["q", "q=%20%20", { query: "  " }],
      ["limit", `q=heaps&limit=${MAX_PAGE_SIZE + 1}`, { query: "heaps", limit: MAX_PAGE_SIZE + 1 }],
      ["kind", "q=heaps&kind=diary", { query: "heaps", kinds: ["diary"] }],
    ];
    for (const [field, query, args] of cases) {
      const { routeMessage } = await refusals(
        user,
        { method: "GET", url: `/api/memories/search?${query}` },
        "search_memory",
        args,
        field,
      );
      const called = await tool(user, "search_memory", args);
      const toolField = field === "q" ? "query" : field === "kind" ? "kinds.0" : field;
      expect(called.ok ? "" : called.error).toContain(`${toolField}: ${routeMessage}`);
    }
    // and take the same good input: a note stored by the tool is found by the route at the page maximum
    expect((await tool(user, "remember", { text: "Heaps keep the k largest in O(n log k)" })).ok).toBe(true);
    const byRoute = await route(user, "GET", `/api/memories/search?q=heaps&limit=${MAX_PAGE_SIZE}`);
    expect(byRoute.status).toBe(200);
    const byTool = await tool(user, "search_memory", { query: "heaps", limit: MAX_PAGE_SIZE });
    expect(byTool.ok && (byTool.result as { memories: { id: number }[] }).memories.map((m) => m.id)).toEqual(
      byRoute.body.hits.map((h: { id: number }) => h.id),
    );
  });

  it("submit_interview_code and POST /api/interviews/sessions/:id/submissions share the code and language limits", async () => {
    const user = await signUp(app);
    const session = await route(user, "POST", "/api/interviews/sessions", { mode: "coding", question: "two-sum" });
    expect(session.status).toBe(201);
    const cases: [string, Record<string, unknown>][] = [
      ["code", { language: "javascript", code: "x".repeat(MAX_CODE_BYTES + 1) }],
      ["code", { language: "javascript", code: "" }],
      ["language", { language: "l".repeat(MAX_LANGUAGE_NAME_CHARS + 1), code: "return 1" }],
    ];
    for (const [field, body] of cases) {
      const { routeMessage, toolError } = await refusals(
        user,
        { method: "POST", url: `/api/interviews/sessions/${session.body.id}/submissions`, body },
        "submit_interview_code",
        { sessionId: session.body.id, ...body },
        field,
      );
      expect(toolError).toContain(`${field}: ${routeMessage}`);
    }
    // another user's session is not found by either
    const other = await signUp(app);
    const input = { language: "javascript", code: "function twoSum() { return [0, 1]; }" };
    const routeOther = await route(other, "POST", `/api/interviews/sessions/${session.body.id}/submissions`, input);
    const toolOther = await tool(other, "submit_interview_code", { sessionId: session.body.id, ...input });
    expect(routeOther.status).toBe(404);
    expect(toolOther).toEqual({ ok: false, code: routeOther.body.error.code, error: routeOther.body.error.message });
  });
});
