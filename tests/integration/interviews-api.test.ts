// The interview, schedule and notification routes as a user drives them over HTTP.
import { eq } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import * as t from "../../src/database/schema.js";
import { createTestContext } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

const clock = new FakeClock("2026-03-04T10:00:00Z"); // a Wednesday
let ctx: AppContext;
let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ RUNNER_TIMEOUT_MS: "3000" }, { clock });
  app = await createTestApp(ctx);
  alice = await signUp(app, { timezone: "Asia/Kolkata" });
  bob = await signUp(app, { timezone: "America/Los_Angeles" });
}, 60_000);
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const call = async (
  user: TestUser | undefined,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  payload?: unknown,
) => {
  const options: InjectOptions = {
    method,
    url,
    headers: user?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }),
  };
  const response = await app.inject(options);
  // biome-ignore lint/suspicious/noExplicitAny: the tests read arbitrary response JSON
  return { status: response.statusCode, body: response.json() as Record<string, any> };
};

describe("question bank and languages", () => {
  it("lists the languages this machine runs, to signed-in users only", async () => {
    expect((await call(undefined, "GET", "/api/interviews/languages")).status).toBe(401);
    const { status, body } = await call(alice, "GET", "/api/interviews/languages");
    expect(status).toBe(200);
    expect(["bwrap", "rlimits", "none"]).toContain(body.sandbox.isolation);
    if (body.sandbox.isolation !== "bwrap") expect(body.warning).toMatch(/No sandbox/);
    expect(body.languages.find((l: { id: string }) => l.id === "javascript").available).toBe(true);
    expect(body.languages.find((l: { id: string }) => l.id === "typescript").available).toBe(true);
  });

  it("searches by mode, topic, difficulty and company", async () => {
    const { body } = await call(undefined, "GET", "/api/interviews/questions?mode=coding&topic=graphs&difficulty=hard");
    expect(body.items.map((q: { slug: string }) => q.slug)).toEqual(["word-ladder"]);
    const google = await call(undefined, "GET", "/api/interviews/questions?mode=system_design&company=Stripe");
    expect(google.body.items.map((q: { slug: string }) => q.slug)).toEqual(["rate-limiter"]);
  });

  it("refuses unknown query fields", async () => {
    const { status } = await call(undefined, "GET", "/api/interviews/questions?colour=red");
    expect(status).toBe(400);
  });

  it("shows a question without its hints or hidden tests", async () => {
    const { body } = await call(undefined, "GET", "/api/interviews/questions/two-sum");
    expect(body.content.hints).toBeUndefined();
    expect(body.content.hintCount).toBe(3);
    expect(body.content.tests).toHaveLength(3);
    expect(body.content.hiddenTests).toBe(3);
    expect(body.content.starterCode.python).toContain("def twoSum(self, nums: List[int], target: int) -> List[int]:");
  });
});

describe("a coding session", () => {
  let id: number;
  it("starts with a deadline and is invisible to another user", async () => {
    const started = await call(alice, "POST", "/api/interviews/sessions", {
      mode: "coding",
      question: "two-sum",
      durationMinutes: 30,
    });
    expect(started.status).toBe(201);
    id = started.body.id;
    expect(started.body.deadlineAt).toBe("2026-03-04T10:30:00.000Z");
    expect(started.body.secondsLeft).toBe(1800);
    expect((await call(bob, "GET", `/api/interviews/sessions/${id}`)).status).toBe(404);
    expect((await call(bob, "POST", `/api/interviews/sessions/${id}/hints`)).status).toBe(404);
  });

  it("runs custom input, grades submissions and hides hidden test values", async () => {
    const code =
      "var twoSum = function(nums, target) {\n  const m = new Map();\n  for (let i = 0; i < nums.length; i++) {\n    if (m.has(target - nums[i])) return [m.get(target - nums[i]), i];\n    m.set(nums[i], i);\n  }\n};";
    const custom = await call(alice, "POST", `/api/interviews/sessions/${id}/runs`, {
      language: "js",
      code,
      inputs: [[[1, 2], 3]],
    });
    expect(custom.body.cases[0]).toMatchObject({ status: "ran", actual: [0, 1] });
    const bad = await call(alice, "POST", `/api/interviews/sessions/${id}/runs`, {
      language: "js",
      code,
      inputs: [[[1, 2]]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/2 arguments \(nums: int\[\], target: int\)/);
    clock.advance(12 * 60_000);
    const graded = await call(alice, "POST", `/api/interviews/sessions/${id}/submissions`, {
      language: "javascript",
      code,
    });
    expect(graded.body.verdict).toBe("accepted");
    expect(graded.body.cases[5].actual).toBeUndefined();
    expect(graded.body.cases[5].status).toBe("passed");
  });

  it("gives hints one by one and counts them", async () => {
    const first = await call(alice, "POST", `/api/interviews/sessions/${id}/hints`);
    expect(first.body).toMatchObject({ number: 1, remaining: 2 });
    await call(alice, "POST", `/api/interviews/sessions/${id}/hints`);
    await call(alice, "POST", `/api/interviews/sessions/${id}/hints`);
    const none = await call(alice, "POST", `/api/interviews/sessions/${id}/hints`);
    expect(none.status).toBe(409);
  });

  it("finishes with a report and shows in history and stats", async () => {
    await call(alice, "POST", `/api/interviews/sessions/${id}/answers`, {
      text: "Idea: one pass with a hash map from value to index; for each number look up its complement before storing it. Time O(n), space O(n). Edge cases: duplicates like [3,3], negative numbers, and the pair using the last element. I tested my own input first to check the index order.",
    });
    const finished = await call(alice, "POST", `/api/interviews/sessions/${id}/finish`);
    expect(finished.body.status).toBe("finished");
    const report = finished.body.report;
    expect(report.timeUsedMinutes).toBe(12);
    expect(report.hintsUsed).toBe(3);
    expect(report.tests).toEqual({ passed: 6, total: 6, verdict: "accepted" });
    expect(report.customRuns).toBe(1);
    const dim = (id: string) => report.rubric.dimensions.find((d: { id: string }) => d.id === id);
    expect(dim("communication").score).toBe(4);
    expect(dim("problem_solving").reasons).toContain("3 of 3 hints used");
    expect(report.rubric.dimensions.map((d: { id: string }) => d.id)).toEqual([
      "communication",
      "problem_solving",
      "technical_competency",
      "testing",
    ]);
    expect(report.code).toMatchObject({ language: "javascript", verdict: "accepted" });
    const again = await call(alice, "POST", `/api/interviews/sessions/${id}/finish`);
    expect(again.body.report).toEqual(report);
    const history = await call(alice, "GET", "/api/interviews/sessions?mode=coding");
    expect(history.body.items[0]).toMatchObject({ id, status: "finished", band: report.rubric.band });
    const stats = await call(alice, "GET", "/api/interviews/stats");
    expect(stats.body.modes.find((m: { mode: string }) => m.mode === "coding")).toMatchObject({
      sessions: 1,
      finished: 1,
      accepted: 1,
    });
    expect((await call(bob, "GET", "/api/interviews/sessions")).body.items).toEqual([]);
    // two-sum is in the problem catalogue, so the session was logged as a solved practice attempt
    const attempts = await ctx.db.select().from(t.attempts).where(eq(t.attempts.userId, alice.id));
    expect(attempts.map((a) => [a.source, a.outcome, a.language, a.minutes])).toEqual([
      ["interview", "solved", "javascript", 12],
    ]);
  });

  it("expires a session left past its deadline", async () => {
    const started = await call(alice, "POST", "/api/interviews/sessions", {
      mode: "coding",
      question: "valid-parentheses",
      durationMinutes: 10,
    });
    clock.advance(13 * 60_000);
    const late = await call(alice, "POST", `/api/interviews/sessions/${started.body.id}/submissions`, {
      language: "js",
      code: "var isValid = () => true;",
    });
    expect(late.status).toBe(409);
    const view = await call(alice, "GET", `/api/interviews/sessions/${started.body.id}`);
    expect(view.body.status).toBe("expired");
    expect(view.body.report.tests.verdict).toBeNull();
  });
});

describe("design and behavioural sessions", () => {
  it("reports STAR coverage for a behavioural answer", async () => {
    const s = await call(alice, "POST", "/api/interviews/sessions", { mode: "behavioral", question: "failure" });
    await call(alice, "POST", `/api/interviews/sessions/${s.body.id}/answers`, {
      text: "At my previous company our team owned the billing service. I was responsible for the migration to a new payment provider. I decided to ship without a dual-write phase and I wrote the cut-over script myself; it double-charged 2% of customers. I led the incident, refunded everyone within 4 hours and added a reconciliation job. As a result errors dropped to zero, and I learned to always plan a rollback.",
    });
    const done = await call(alice, "POST", `/api/interviews/sessions/${s.body.id}/finish`);
    expect(done.body.report.star.covered).toEqual(["situation", "task", "action", "result"]);
  });

  it("lists what a design answer is missing", async () => {
    const s = await call(alice, "POST", "/api/interviews/sessions", {
      mode: "system_design",
      question: "url-shortener",
    });
    await call(alice, "POST", `/api/interviews/sessions/${s.body.id}/answers`, {
      text: "Requirements: 100M new links a month, reads 100x writes.\nAPI: POST /links and GET /{key} redirect.\nKeys: base62 counter ranges per server.",
    });
    const done = await call(alice, "POST", `/api/interviews/sessions/${s.body.id}/finish`);
    expect(done.body.report.coverage.covered).toEqual(["requirements", "api"]);
    expect(done.body.report.coverage.missing).toEqual(["data_model", "scaling", "trade_offs"]);
    expect(done.body.report.rubric.dimensions.map((d: { id: string }) => d.id)).toEqual([
      "requirements",
      "api",
      "data_model",
      "scaling",
      "trade_offs",
      "communication",
    ]);
  });
});

describe("schedule and notifications", () => {
  it("defaults to next Friday 15:00 in each user's timezone", async () => {
    clock.set("2026-03-04T10:00:00Z");
    const a = await call(alice, "POST", "/api/schedule", {});
    expect(a.status).toBe(201);
    expect(a.body.items[0]).toMatchObject({ scheduledAt: "2026-03-06T09:30:00.000Z", durationMinutes: 45 });
    const b = await call(bob, "POST", "/api/schedule", {});
    expect(b.body.items[0].scheduledAt).toBe("2026-03-06T23:00:00.000Z");
    const next = await call(alice, "GET", "/api/schedule/next");
    expect(next.body.next.secondsUntil).toBe((9.5 + 48) * 3600 - 10 * 3600);
  });

  it("delivers due reminders as notifications that can be marked read", async () => {
    clock.set("2026-03-05T09:31:00Z");
    await ctx.notifications.sendDueReminders();
    const list = await call(alice, "GET", "/api/notifications?unread=true");
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0].title).toBe("Your coding mock interview starts in 24 hours");
    const read = await call(alice, "POST", `/api/notifications/${list.body.items[0].id}/read`);
    expect(read.status).toBe(200);
    expect((await call(alice, "GET", "/api/notifications?unread=true")).body.unread).toBe(0);
    expect((await call(bob, "POST", `/api/notifications/${list.body.items[0].id}/read`)).status).toBe(404);
  });

  it("reschedules with the reminders following, and cancels", async () => {
    const mine = await call(bob, "GET", "/api/schedule");
    const id = mine.body.items[0].id;
    const moved = await call(bob, "PATCH", `/api/schedule/${id}`, { at: "2026-03-20T23:00:00Z" });
    expect(moved.body.scheduledAt).toBe("2026-03-20T23:00:00.000Z");
    const detail = await call(bob, "GET", `/api/schedule/${id}`);
    expect(detail.body.reminders.map((r: { dueAt: string }) => r.dueAt)).toEqual([
      "2026-03-19T23:00:00.000Z",
      "2026-03-20T22:00:00.000Z",
      "2026-03-20T22:55:00.000Z",
    ]);
    expect((await call(alice, "DELETE", `/api/schedule/${id}`)).status).toBe(404);
    const cancelled = await call(bob, "DELETE", `/api/schedule/${id}`);
    expect(cancelled.body.cancelled).toEqual([id]);
    expect((await call(bob, "GET", "/api/schedule")).body.items).toEqual([]);
  });
});

describe("fair use of the runner", () => {
  it("answers 429 with Retry-After beyond a user's queued + running runs, and still runs other users' code", async () => {
    const spin = { problem: "two-sum", language: "js", code: "var twoSum = () => { while (true) {} };" };
    const first = [call(alice, "POST", "/api/interviews/run", spin), call(alice, "POST", "/api/interviews/run", spin)];
    await new Promise((r) => setTimeout(r, 50));
    const third = await app.inject({
      method: "POST",
      url: "/api/interviews/run",
      headers: alice.headers,
      payload: spin,
    });
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
    expect(third.json().error.message).toMatch(/already have 2 code runs queued or running/);
    const other = await call(bob, "POST", "/api/interviews/run", {
      problem: "two-sum",
      language: "js",
      code: "var twoSum = function(nums, target) { const m = new Map(); for (let i = 0; ; i++) { if (m.has(target - nums[i])) return [m.get(target - nums[i]), i]; m.set(nums[i], i); } };",
    });
    expect(other.body.verdict).toBe("accepted");
    for (const r of await Promise.all(first)) expect(r.body.verdict).toBe("timeout");
  }, 60_000);
});

describe("a runaway submission", () => {
  it("does not stop the server from answering", async () => {
    let runFinished = false;
    const runaway = call(alice, "POST", "/api/interviews/run", {
      problem: "two-sum",
      language: "js",
      code: "var twoSum = () => { while (true) {} };",
    }).then((r) => {
      runFinished = true;
      return r;
    });
    const health = await app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(runFinished).toBe(false); // answered while the runaway code was still spinning
    const result = await runaway;
    expect(result.body.verdict).toBe("timeout");
  }, 30_000);
});
