// Issue 14, interviews / memory / mentor: every route of the three features declares its responses, the
// answers carry dates as ISO strings, and reports stored in older shapes (or imported from the old
// platform) still serialise under the declared schema instead of failing with a 500.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import * as t from "../../src/database/schema.js";
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

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function call(user: TestUser, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: user.headers, payload: payload as never });
  // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary response JSON
  return { status: response.statusCode, body: (response.body ? response.json() : undefined) as any };
}

describe(`declared responses of interviews, memories and the mentor on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("declares a 2xx and an error response for every operation of the three features", async () => {
    const doc = (await app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const mine = Object.entries(doc.paths).filter(([path]) =>
      /^\/api\/(interviews\/(questions|languages|run|sessions(?!\/\{id\}\/pattern)|stats)|memories|chat|conversations)/.test(
        path,
      ),
    );
    expect(mine.length).toBeGreaterThanOrEqual(20);
    const undeclared = mine.flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => {
          const codes = Object.keys(op.responses ?? {});
          return !codes.some((c) => c.startsWith("2")) || !codes.includes("4XX");
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it("answers an interview session, its history and a written answer with ISO dates", async () => {
    const user = await signUp(app);
    const started = await call(user, "POST", "/api/interviews/sessions", { mode: "behavioral" });
    expect(started.status).toBe(201);
    expect(started.body.startedAt).toMatch(ISO);
    expect(started.body.deadlineAt).toMatch(ISO);
    expect(started.body.finishedAt).toBeNull();
    const answer = await call(user, "POST", `/api/interviews/sessions/${started.body.id}/answers`, {
      text: "I led the migration: I split the work, paired with QA and we shipped two days early.",
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.any(Number), createdAt: expect.stringMatching(ISO) });
    const finished = await call(user, "POST", `/api/interviews/sessions/${started.body.id}/finish`);
    expect(finished.status).toBe(200);
    expect(finished.body.finishedAt).toMatch(ISO);
    expect(finished.body.report.star.covered).toEqual(expect.any(Array));
    expect(finished.body.report.rubric.dimensions.length).toBeGreaterThan(0);
    const history = await call(user, "GET", "/api/interviews/sessions");
    expect(history.body.items[0]).toMatchObject({
      id: started.body.id,
      startedAt: started.body.startedAt,
      finishedAt: finished.body.finishedAt,
      band: finished.body.report.rubric.band,
    });
    // the tool answers with the same view
    const byTool = await ctx.agentTools.call({ id: user.id, timezone: "UTC" }, "start_mock_interview", {
      mode: "coding",
    });
    expect(byTool.ok && (byTool.result as { startedAt: unknown }).startedAt).toMatch(ISO);
  });

  it("serialises reports stored in older shapes and imported sessions' feedback", async () => {
    const user = await signUp(app);
    const older = await call(user, "POST", "/api/interviews/sessions", { mode: "system_design" });
    const imported = await call(user, "POST", "/api/interviews/sessions", { mode: "coding", question: "two-sum" });
    const rubric = {
      communication: { score: 3, reasons: ["clear"] },
      problem_solving: { score: 2, reasons: ["partial"] },
      overall: 2.5,
      band: "lean_hire",
    };
    const lists = { covered: ["requirements"], missing: ["scaling"], evidence: {} };
    await ctx.db
      .update(t.interviewSessions)
      .set({
        status: "finished",
        finishedAt: new Date(),
        report: {
          ...older.body.report,
          mode: "system_design",
          question: { slug: older.body.question.slug, title: older.body.question.title, difficulty: null },
          status: "finished",
          timeUsedMinutes: 12,
          durationMinutes: 45,
          hintsUsed: 0,
          hintsAvailable: 3,
          coverage: { sections: lists, concepts: lists },
          rubric,
          retiredField: "not part of the contract",
        },
      })
      .where(eq(t.interviewSessions.id, older.body.id));
    await ctx.db
      .update(t.interviewSessions)
      .set({ status: "finished", finishedAt: new Date(), report: { source: "legacy", feedback: "Nice recursion." } })
      .where(eq(t.interviewSessions.id, imported.body.id));

    const old = await call(user, "GET", `/api/interviews/sessions/${older.body.id}`);
    expect(old.status, JSON.stringify(old.body)).toBe(200);
    expect(old.body.report.rubric).toEqual(rubric);
    expect(old.body.report.coverage.sections.covered).toEqual(["requirements"]);
    expect(old.body.report).not.toHaveProperty("retiredField");
    const legacy = await call(user, "GET", `/api/interviews/sessions/${imported.body.id}`);
    expect(legacy.status, JSON.stringify(legacy.body)).toBe(200);
    expect(legacy.body.report).toEqual({ source: "legacy", feedback: "Nice recursion." });
    const history = await call(user, "GET", "/api/interviews/sessions");
    expect(history.status).toBe(200);
    expect(history.body.items.find((s: { id: number }) => s.id === imported.body.id).band).toBeNull();
  });

  it("answers memories, searches, conversations and messages with ISO dates, and only the user's own", async () => {
    const user = await signUp(app);
    const other = await signUp(app);
    const stored = await call(user, "POST", "/api/memories", {
      text: "Monotonic stack for next greater element",
      createdAt: "2026-02-03",
    });
    expect(stored.status).toBe(201);
    expect(stored.body.created[0]).toMatchObject({ createdAt: "2026-02-03T00:00:00.000Z", kind: "note" });
    const found = await call(user, "GET", "/api/memories/search?q=monotonic%20stack");
    expect(found.body.hits[0]).toMatchObject({ id: stored.body.created[0].id, createdAt: "2026-02-03T00:00:00.000Z" });
    expect((await call(other, "GET", "/api/memories/search?q=monotonic%20stack")).body.hits).toEqual([]);
    const one = await call(user, "GET", `/api/memories/${stored.body.created[0].id}`);
    expect(one.body.createdAt).toBe("2026-02-03T00:00:00.000Z");
    expect((await call(other, "GET", `/api/memories/${stored.body.created[0].id}`)).status).toBe(404);

    const turn = await call(user, "POST", "/api/chat", { message: "What should I practise next?", stream: false });
    expect(turn.status).toBe(200);
    const conversations = await call(user, "GET", "/api/conversations");
    expect(conversations.body.items[0]).toMatchObject({
      id: turn.body.conversationId,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const messages = await call(user, "GET", `/api/conversations/${turn.body.conversationId}/messages`);
    expect(messages.body.items.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(messages.body.items[0].createdAt).toMatch(ISO);
    expect(messages.body.items[0]).not.toHaveProperty("userId");
    expect((await call(other, "GET", `/api/conversations/${turn.body.conversationId}/messages`)).status).toBe(404);
    expect((await call(other, "GET", "/api/conversations")).body.items).toEqual([]);
  });
});
