// The schedule use cases answer one shape whichever transport asks: POST /api/schedule and the
// schedule_interview tool return the service's `{ items }` of views with ISO dates (the route used to
// re-read each row and so answered differently from the tool), and both refuse the same bad input with
// the same message (issue 14).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { MAX_COMPANY_CHARS, MAX_SERIES_WEEKS } from "../../src/services/interviews/contract.js";
import { scheduledInterviewDetail, scheduledInterviews } from "../../src/services/schedule/contract.js";
import { createTestContext, usingPostgres } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_WRITE_PER_MINUTE: "100000" });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function route(user: TestUser, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: user.headers, payload: payload as never });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
}

const tool = (user: TestUser, name: string, args: unknown) =>
  ctx.agentTools.call({ id: user.id, timezone: "UTC" }, name, args);

/** A view without the countdown, which moves between two calls. */
const stable = ({ id: _id, secondsUntil: _s, seriesId: _series, ...rest }: Record<string, unknown>) => rest;

describe(`schedule: one shape for route and tool on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("POST /api/schedule and schedule_interview answer the same declared shape, with ISO dates", async () => {
    const user = await signUp(app);
    const input = { at: "2030-03-06T15:00:00+01:00", mode: "coding", difficulty: "medium", company: "Acme", weeks: 2 };
    const byRoute = await route(user, "POST", "/api/schedule", input);
    expect(byRoute.status).toBe(201);
    const byTool = await tool(user, "schedule_interview", input);
    expect(byTool.ok).toBe(true);
    const toolResult = byTool.ok ? (byTool.result as Record<string, unknown>) : {};
    // the tool's result is exactly what the route sends: the contract's shape, nothing more
    expect(scheduledInterviews.strict().parse(JSON.parse(JSON.stringify(toolResult)))).toEqual(toolResult);
    expect(Object.keys(toolResult)).toEqual(Object.keys(byRoute.body));
    const routeItems = byRoute.body.items as Record<string, unknown>[];
    const toolItems = (toolResult.items as Record<string, unknown>[]) ?? [];
    expect(toolItems.map((i) => Object.keys(i).sort())).toEqual(routeItems.map((i) => Object.keys(i).sort()));
    expect(toolItems.map(stable)).toEqual(routeItems.map(stable));
    expect(routeItems.map((i) => i.scheduledAt)).toEqual(["2030-03-06T14:00:00.000Z", "2030-03-13T14:00:00.000Z"]);
    expect(routeItems.map((i) => i.difficulty)).toEqual(["medium", "hard"]);
    // no storage columns leak through either transport
    for (const item of [...routeItems, ...toolItems]) {
      expect(item).not.toHaveProperty("userId");
      expect(item).not.toHaveProperty("createdAt");
    }

    // listing: GET /api/schedule and get_upcoming_interviews answer the same { items }
    const listed = await route(user, "GET", "/api/schedule");
    const upcoming = await tool(user, "get_upcoming_interviews", {});
    expect(upcoming.ok).toBe(true);
    const upcomingItems = upcoming.ok ? (upcoming.result as { items: Record<string, unknown>[] }).items : [];
    expect(upcomingItems.map(stable)).toEqual((listed.body.items as Record<string, unknown>[]).map(stable));
    expect(listed.body.items).toHaveLength(4);
  });

  it("route and tool refuse the same bad input with the same message", async () => {
    const user = await signUp(app);
    const cases: [string, Record<string, unknown>][] = [
      ["company", { company: "x".repeat(MAX_COMPANY_CHARS + 1) }],
      ["weeks", { weeks: MAX_SERIES_WEEKS + 1 }],
      ["at", { at: "next friday" }],
      ["durationMinutes", { durationMinutes: 2 }],
    ];
    for (const [field, input] of cases) {
      const http = await route(user, "POST", "/api/schedule", input);
      expect(http.status, field).toBe(400);
      const detail = (http.body.error.details as { field: string; message: string }[]).find((d) =>
        d.field.endsWith(`.${field}`),
      );
      expect(detail, JSON.stringify(http.body)).toBeDefined();
      const called = await tool(user, "schedule_interview", input);
      expect(called.ok).toBe(false);
      expect(called.ok ? "" : called.error).toContain(`${field}: ${detail?.message}`);
    }
    // a time in the past is the service's rule: one code and message for both
    const past = { at: "2001-01-01T00:00:00Z" };
    const http = await route(user, "POST", "/api/schedule", past);
    expect(http.status).toBe(400);
    expect(await tool(user, "schedule_interview", past)).toEqual({
      ok: false,
      code: http.body.error.code,
      error: http.body.error.message,
    });
    expect((await route(user, "GET", "/api/schedule")).body.items).toEqual([]);
  });

  it("reschedule takes the contract's duration limits, and one interview's detail has ISO reminders, only for its owner", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const created = await route(owner, "POST", "/api/schedule", { at: "2030-05-01T10:00:00Z" });
    const id = created.body.items[0].id as number;
    const tooLong = await route(owner, "PATCH", `/api/schedule/${id}`, {
      at: "2030-05-02T10:00:00Z",
      durationMinutes: 241,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain("is at most 240 minutes");
    const moved = await route(owner, "PATCH", `/api/schedule/${id}`, { at: "2030-05-02T10:00:00Z" });
    expect(moved.status).toBe(200);
    expect(moved.body.scheduledAt).toBe("2030-05-02T10:00:00.000Z");
    const detail = await route(owner, "GET", `/api/schedule/${id}`);
    expect(detail.status).toBe(200);
    expect(scheduledInterviewDetail.strict().parse(detail.body)).toBeDefined();
    expect(detail.body.reminders.map((r: { dueAt: string }) => r.dueAt)).toEqual([
      "2030-05-01T10:00:00.000Z",
      "2030-05-02T09:00:00.000Z",
      "2030-05-02T09:55:00.000Z",
    ]);
    expect((await route(other, "GET", `/api/schedule/${id}`)).status).toBe(404);
    expect((await route(other, "PATCH", `/api/schedule/${id}`, { at: "2030-05-03T10:00:00Z" })).status).toBe(404);
    expect((await route(owner, "GET", `/api/schedule/${id}?x=1`)).status).toBe(400);
  });
});
