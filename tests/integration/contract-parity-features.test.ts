// One contract per use case, feature by feature (issue 14): for each feature with an MCP/mentor tool, the
// REST route and the tool parse with the same contract schema, so they refuse the same bad input with the
// same message and accept the same good input. (Tracking, memory and interviews: contract-parity.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { TOPIC_IDS } from "../../src/config/constants.js";
import { MAX_RECOMMENDATIONS } from "../../src/services/adaptive/contract.js";
import { MAX_SEARCH_LENGTH } from "../../src/services/catalog/contract.js";
import { MAX_PLAN_WEEKS, MAX_WEEKLY_HOURS } from "../../src/services/roadmap/contract.js";
import { MAX_PAGE_SIZE } from "../../src/services/shared/pagination.js";
import { MAX_HISTORY_DAYS, statsView, weaknessReportView } from "../../src/services/weaknesses/contract.js";
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

type Method = "GET" | "POST" | "PUT";
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

/** The same bad input to a route and a tool: the route's 400 detail for `field` must be the tool's `field: …` clause. */
async function expectSameRefusal(
  user: TestUser,
  request: { method: Method; url: string; body?: unknown },
  toolName: string,
  args: unknown,
  field: string,
) {
  const http = await route(user, request.method, request.url, request.body);
  expect(http.status, JSON.stringify(http.body)).toBe(400);
  const detail = (http.body as RouteError).error.details?.find((d) => d.field.endsWith(`.${field}`));
  expect(detail, JSON.stringify(http.body)).toBeDefined();
  expect(detail?.message.length).toBeGreaterThan(0);
  const called = await tool(user, toolName, args);
  expect(called.ok).toBe(false);
  expect(called.ok ? "" : called.error).toContain(`${field}: ${detail?.message}`);
}

describe(`route and tool parity per feature on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("training: get_due_reviews and GET /api/reviews/due share the page size; rate_review and POST …/rate the rating", async () => {
    const user = await signUp(app);
    await expectSameRefusal(
      user,
      { method: "GET", url: `/api/reviews/due?limit=${MAX_PAGE_SIZE + 1}` },
      "get_due_reviews",
      { limit: MAX_PAGE_SIZE + 1 },
      "limit",
    );
    await expectSameRefusal(
      user,
      { method: "POST", url: "/api/reviews/two-sum/rate", body: { rating: "meh" } },
      "rate_review",
      { problem: "two-sum", rating: "meh" },
      "rating",
    );
    const due = await route(user, "GET", `/api/reviews/due?limit=${MAX_PAGE_SIZE}`);
    expect(due.status).toBe(200);
    const dueByTool = await tool(user, "get_due_reviews", { limit: MAX_PAGE_SIZE });
    expect(dueByTool.ok).toBe(true);
    expect(dueByTool.ok && dueByTool.result).toEqual(due.body);

    const byRoute = await route(user, "POST", "/api/reviews/two-sum/rate", { rating: "good", durationMs: 60_000 });
    expect(byRoute.status).toBe(200);
    expect(byRoute.body).toMatchObject({ problemSlug: "two-sum", reps: 1 });
    const byTool = await tool(user, "rate_review", { problem: "two-sum", rating: "good", minutes: 1 });
    expect(byTool.ok && byTool.result).toMatchObject({ problemSlug: "two-sum", reps: 2 });
  });

  it("catalog: search_problems and GET /api/problems refuse the same bad query and find the same problems", async () => {
    const user = await signUp(app);
    const cases: [string, string, Record<string, unknown>][] = [
      ["q", `q=${"x".repeat(MAX_SEARCH_LENGTH + 1)}`, { q: "x".repeat(MAX_SEARCH_LENGTH + 1) }],
      ["topic", "topic=knitting", { topic: "knitting" }],
      ["status", "status=mastered", { status: "mastered" }],
      ["limit", `limit=${MAX_PAGE_SIZE + 1}`, { limit: MAX_PAGE_SIZE + 1 }],
    ];
    for (const [field, query, args] of cases)
      await expectSameRefusal(user, { method: "GET", url: `/api/problems?${query}` }, "search_problems", args, field);

    const byRoute = await route(user, "GET", "/api/problems?topic=arrays&difficulty=easy&revisit=false&limit=5");
    expect(byRoute.status, JSON.stringify(byRoute.body)).toBe(200);
    expect(byRoute.body.items.length).toBeGreaterThan(0);
    const byTool = await tool(user, "search_problems", {
      topic: "arrays",
      difficulty: "easy",
      revisit: false,
      limit: 5,
    });
    expect(byTool.ok && byTool.result).toEqual(byRoute.body);
  });

  it("undo of a rating answers the card in one call, and a 404 with a message when there is nothing to undo", async () => {
    const user = await signUp(app);
    const nothing = await route(user, "POST", "/api/reviews/two-sum/undo");
    expect(nothing.status).toBe(404);
    expect(nothing.body.error.message).toMatch(/"two-sum" has no rating to undo/);
    const unknown = await route(user, "POST", "/api/reviews/no-such-problem-here/undo");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message.length).toBeGreaterThan(0);

    await route(user, "POST", "/api/reviews/two-sum/rate", { rating: "good" });
    await route(user, "POST", "/api/reviews/two-sum/rate", { rating: "again" });
    const undone = await route(user, "POST", "/api/reviews/two-sum/undo");
    expect(undone.status).toBe(200);
    expect(undone.body.undoneAttemptId).toBeNull();
    expect(undone.body.card).toMatchObject({ problemSlug: "two-sum", reps: 1, lapses: 0 });
    expect(undone.body.card.log).toHaveLength(1);
    expect(undone.body.card).toEqual((await route(user, "GET", "/api/reviews/two-sum")).body);
    // the last rating undone: nothing is left of the card
    const last = await route(user, "POST", "/api/reviews/two-sum/undo");
    expect(last.body).toEqual({ undoneAttemptId: null, card: null });
    // another user's card is not touched by my undo
    const other = await signUp(app);
    await route(other, "POST", "/api/reviews/two-sum/rate", { rating: "good" });
    expect((await route(user, "POST", "/api/reviews/two-sum/undo")).status).toBe(404);
    expect((await route(other, "GET", "/api/reviews/two-sum")).body.reps).toBe(1);
  });

  it("progress: GET /api/stats answers exactly its declared shape; get_weaknesses and the route agree, limits refused", async () => {
    const user = await signUp(app);
    await route(user, "POST", "/api/attempts", { problem: "two-sum", outcome: "failed", minutes: 30 });
    await route(user, "POST", "/api/attempts", { problem: "two-sum", outcome: "solved", minutes: 20 });
    // /api/stats sends its cached JSON as is: nothing in it may be missing from, or unknown to, the schema
    const stats = await route(user, "GET", "/api/stats");
    expect(stats.status).toBe(200);
    expect(statsView.parse(stats.body)).toEqual(stats.body);
    expect(stats.body.totalAttempts).toBe(2);
    const byTool = await tool(user, "get_stats", {});
    const { heatmap: _heatmap, ...rest } = stats.body;
    expect(byTool.ok && byTool.result).toMatchObject(rest);

    const report = await route(user, "GET", "/api/weaknesses");
    expect(report.status).toBe(200);
    expect(weaknessReportView.parse(report.body)).toEqual(report.body);
    const weak = await tool(user, "get_weaknesses", { limit: TOPIC_IDS.length });
    // the tool lists the topics practised at least once (the route's `weakest`)
    expect(weak.ok && (weak.result as { topics: unknown[] }).topics).toEqual(
      report.body.weakest.map(({ components: _c, ...topic }: Record<string, unknown>) => topic),
    );
    const tooMany = await tool(user, "get_weaknesses", { limit: TOPIC_IDS.length + 1 });
    expect(tooMany.ok ? "" : tooMany.error).toContain(`limit: is at most ${TOPIC_IDS.length}`);

    const history = await route(user, "GET", `/api/weaknesses/history?days=${MAX_HISTORY_DAYS + 1}`);
    expect(history.status).toBe(400);
    expect(JSON.stringify(history.body)).toContain(`is at most ${MAX_HISTORY_DAYS}`);
    expect((await route(user, "POST", "/api/weaknesses/snapshot")).status).toBe(201);
    const snapshots = await route(user, "GET", `/api/weaknesses/history?days=${MAX_HISTORY_DAYS}&topic=arrays`);
    expect(snapshots.body.snapshots).toHaveLength(1);
    expect(snapshots.body.snapshots[0].topics).toEqual([expect.objectContaining({ topicId: "arrays" })]);
  });

  it("roadmap: get_study_plan and POST /api/plan refuse the same weeks and hours, and both take 90 hours a week", async () => {
    const user = await signUp(app);
    const cases: [string, Record<string, unknown>][] = [
      ["weeks", { weeks: MAX_PLAN_WEEKS + 1 }],
      ["weeks", { weeks: 1.5 }],
      ["weeklyHours", { weeklyHours: 0 }],
      ["weeklyHours", { weeklyHours: MAX_WEEKLY_HOURS + 1 }],
    ];
    for (const [field, body] of cases)
      await expectSameRefusal(
        user,
        { method: "POST", url: "/api/plan", body },
        "get_study_plan",
        { generate: true, ...body },
        field,
      );
    expect((await route(user, "GET", "/api/plan")).status).toBe(404);
    // 90 hours: the tool used to stop at 80 where the route took 100
    const byRoute = await route(user, "POST", "/api/plan", { weeks: 2, weeklyHours: 90 });
    expect(byRoute.status, JSON.stringify(byRoute.body)).toBe(201);
    expect(byRoute.body).toMatchObject({ weeks: 2, weeklyHours: 90 });
    const byTool = await tool(user, "get_study_plan", { generate: true, weeks: 2, weeklyHours: 90, limit: 5 });
    expect(byTool.ok, JSON.stringify(byTool)).toBe(true);
    const plan = byTool.ok ? (byTool.result as { id: number; items: { items: unknown[] } }) : null;
    expect(plan?.id).toBeGreaterThan(byRoute.body.id);
    expect(plan?.items.items).toHaveLength(5);
    // the route answers the tool's plan with the same fields
    expect((await route(user, "GET", "/api/plan?limit=5")).body).toEqual(plan);

    const focus = await route(user, "PUT", "/api/roadmap/focus", { topic: "knitting" });
    expect(focus.status).toBe(400);
    expect(JSON.stringify(focus.body)).toMatch(/topic/);
    const roadmap = await route(user, "PUT", "/api/roadmap/focus", { topic: "graphs" });
    expect(roadmap.body.focusTopic).toBe("graphs");
    const byToolRoadmap = await tool(user, "get_roadmap", {});
    expect(byToolRoadmap.ok && byToolRoadmap.result).toEqual(roadmap.body);
  });

  it("accounts (no tool): answers carry ISO dates and never a hash, a user id of a notification or another user's token", async () => {
    const user = await signUp(app);
    const me = await route(user, "GET", "/api/me");
    expect(me.body.via).toBe("session");
    expect(me.body.user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(JSON.stringify(me.body)).not.toMatch(/hash/i);
    const created = await route(user, "POST", "/api/tokens", { name: "script" });
    expect(created.status).toBe(201);
    expect(created.body.token.token).toMatch(/.{20,}/);
    expect(created.body.token.createdAt).toMatch(/Z$/);
    const other = await signUp(app);
    const theirs = await route(other, "GET", "/api/tokens");
    expect(theirs.body.tokens).toEqual([]);
    const mine = await route(user, "GET", "/api/tokens");
    const { token: _secret, ...shown } = created.body.token;
    expect(mine.body.tokens).toEqual([shown]);
    const sessions = await route(user, "GET", "/api/me/sessions");
    expect(sessions.body.sessions[0]).toMatchObject({ current: true, expiresAt: expect.stringMatching(/Z$/) });
    await ctx.notifications.notify(user.id, { kind: "info", title: "Hello", body: "there" });
    const notes = await route(user, "GET", "/api/notifications?unread=true");
    expect(notes.body).toMatchObject({ total: 1, unread: 1 });
    expect(Object.keys(notes.body.items[0]).sort()).toEqual(["body", "createdAt", "id", "kind", "readAt", "title"]);
    const read = await route(user, "POST", `/api/notifications/${notes.body.items[0].id}/read`);
    expect(read.body.readAt).toMatch(/Z$/);
    expect((await route(other, "POST", `/api/notifications/${notes.body.items[0].id}/read`)).status).toBe(404);
    const settings = await app.inject({
      method: "PATCH",
      url: "/api/me/settings",
      headers: user.headers,
      payload: { dailyNewLimit: 101 },
    });
    expect(settings.statusCode).toBe(400);
    expect(settings.body).toContain("is at most 100");
  });

  it("adaptive: recommend_problems and GET /api/recommendations share the limit and answer alike", async () => {
    const user = await signUp(app);
    await expectSameRefusal(
      user,
      { method: "GET", url: `/api/recommendations?limit=${MAX_RECOMMENDATIONS + 1}` },
      "recommend_problems",
      { limit: MAX_RECOMMENDATIONS + 1 },
      "limit",
    );
    const byRoute = await route(user, "GET", "/api/recommendations?limit=3&topic=arrays");
    expect(byRoute.status).toBe(200);
    expect(byRoute.body.length).toBeGreaterThan(0);
    const byTool = await tool(user, "recommend_problems", { limit: 3, topic: "arrays" });
    expect(byTool.ok && byTool.result).toEqual(byRoute.body);
    const skills = await route(user, "GET", "/api/skills");
    const skillsByTool = await tool(user, "get_skills", {});
    expect(skillsByTool.ok && skillsByTool.result).toEqual(skills.body);
  });
});
