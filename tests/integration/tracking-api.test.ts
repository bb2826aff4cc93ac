// The tracking, review, stats and roadmap routes over HTTP: auth, isolation, bad input, cache, plans.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { TOPIC_IDS } from "../../src/config/constants.js";
import { queryRows } from "../../src/config/database.js";
import { attempts } from "../../src/database/schema.js";
import { createTestContext, usingPostgres } from "../helpers/context.js";
import { createTestApp, signUp, type TestUser } from "../helpers/http.js";

let ctx: AppContext;
let app: App;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ RATE_LIMIT_WRITE_PER_MINUTE: "100000", RATE_LIMIT_LOGIN_PER_MINUTE: "100000" });
  app = await createTestApp(ctx);
  alice = await signUp(app, { timezone: "Europe/Berlin" });
  bob = await signUp(app);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

type Method = "GET" | "POST" | "PUT" | "DELETE";
async function call(user: TestUser | null, method: Method, url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: user?.headers ?? {}, payload: payload as never });
  const body = response.body ? JSON.parse(response.body) : undefined;
  return { status: response.statusCode, body };
}

/** Everything a user owns that these routes can write, to prove a refused request wrote nothing. */
async function footprint(userId: number) {
  const [row] = await queryRows<Record<string, number>>(
    ctx.db,
    sql`select (select count(*)::int from attempts where user_id = ${userId}) as attempts,
               (select count(*)::int from review_cards where user_id = ${userId}) as cards,
               (select count(*)::int from review_logs where user_id = ${userId}) as logs,
               (select count(*)::int from problem_notes where user_id = ${userId}) as notes,
               (select count(*)::int from problems where owner_user_id = ${userId}) as problems,
               (select count(*)::int from study_plans where user_id = ${userId}) as plans,
               (select count(*)::int from plan_items where user_id = ${userId} and done_at is not null) as done,
               (select count(*)::int from weakness_snapshots where user_id = ${userId}) as snapshots,
               (select coalesce(focus_topic, '') from users where id = ${userId}) as focus,
               (select coalesce(sum(case when suspended then 1 else 0 end), 0)::int from review_cards where user_id = ${userId}) as suspended`,
  );
  return row;
}

describe(`tracking API on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("asks for a login on every route", async () => {
    for (const [method, url] of [
      ["GET", "/api/problems"],
      ["GET", "/api/attempts"],
      ["POST", "/api/attempts"],
      ["GET", "/api/stats"],
      ["GET", "/api/reviews/due"],
      ["GET", "/api/roadmap"],
      ["POST", "/api/plan"],
    ] as const) {
      const response = await call(null, method, url, method === "POST" ? {} : undefined);
      expect(response.status, `${method} ${url}`).toBe(401);
      expect(response.body.error.code).toBe("unauthorized");
    }
  });

  it("logs, lists, reads and deletes attempts", async () => {
    const created = await call(alice, "POST", "/api/attempts", {
      problem: "two-sum",
      outcome: "solved",
      minutes: 12,
      language: "go",
      notes: "hash map",
    });
    expect(created.status).toBe(201);
    expect(created.body.attempt).toMatchObject({
      problemSlug: "two-sum",
      outcome: "solved",
      rating: "good",
      minutes: 12,
    });
    expect(created.body.card.state).toBe("review");
    const failed = await call(alice, "POST", "/api/attempts", {
      problem: "number-of-islands",
      outcome: "failed",
      attemptedAt: "2026-01-05T10:00:00Z",
    });
    expect(failed.status).toBe(201);
    const list = await call(alice, "GET", "/api/attempts?outcome=failed&topic=graphs");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items[0].problemSlug).toBe("number-of-islands");
    const ranged = await call(alice, "GET", "/api/attempts?from=2026-01-01&to=2026-01-31");
    expect(ranged.body.items.map((a: { id: number }) => a.id)).toEqual([failed.body.attempt.id]);
    const one = await call(alice, "GET", `/api/attempts/${created.body.attempt.id}`);
    expect(one.body.notes).toBe("hash map");
    const deleted = await call(alice, "DELETE", `/api/attempts/${failed.body.attempt.id}`);
    expect(deleted.status).toBe(204);
    expect((await call(alice, "GET", `/api/attempts/${failed.body.attempt.id}`)).status).toBe(404);
  });

  it("answers 404, never 403, for another user's attempts, notes, cards, custom problems and plan items", async () => {
    const logged = await call(alice, "POST", "/api/attempts", { problem: "climbing-stairs", outcome: "solved" });
    await call(alice, "PUT", "/api/problems/climbing-stairs/notes", { body: "fibonacci", revisit: true });
    const custom = await call(alice, "POST", "/api/problems", {
      title: "Alice Private Drill",
      difficulty: "medium",
      topics: ["dp_1d"],
    });
    expect(custom.status).toBe(201);
    const plan = await call(alice, "POST", "/api/plan", { weeks: 2 });
    const itemId = plan.body.items.items[0].id;
    const before = await footprint(alice.id);
    for (const [method, url, payload] of [
      ["GET", `/api/attempts/${logged.body.attempt.id}`],
      ["DELETE", `/api/attempts/${logged.body.attempt.id}`],
      ["GET", "/api/problems/climbing-stairs/notes"],
      ["GET", "/api/reviews/climbing-stairs"],
      ["POST", "/api/reviews/climbing-stairs/suspend"],
      ["POST", "/api/reviews/climbing-stairs/resume"],
      ["GET", "/api/problems/alice-private-drill"],
      ["PUT", "/api/problems/alice-private-drill/notes", { body: "mine now" }],
      ["POST", "/api/attempts", { problem: "alice-private-drill", outcome: "solved" }],
      ["POST", "/api/reviews/alice-private-drill/rate", { rating: "good" }],
      ["POST", `/api/plan/items/${itemId}/done`],
    ] as const) {
      const response = await call(bob, method, url, payload);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.error.code).toBe("not_found");
      expect(JSON.stringify(response.body)).not.toContain("fibonacci");
    }
    expect(await footprint(alice.id)).toEqual(before);
    const bobSearch = await call(bob, "GET", "/api/problems?q=alice%20private");
    expect(bobSearch.body.total).toBe(0);
    expect((await call(alice, "GET", "/api/problems/climbing-stairs/notes")).body).toMatchObject({
      body: "fibonacci",
      revisit: true,
    });
  });

  it("refuses bad input on every route with a 4xx and a message, and writes nothing", async () => {
    const user = await signUp(app);
    await call(user, "POST", "/api/attempts", { problem: "two-sum", outcome: "solved" });
    const plan = await call(user, "POST", "/api/plan", { weeks: 1 });
    expect(plan.status).toBe(201);
    const before = await footprint(user.id);
    const long = "x".repeat(10_001);
    const cases: [Method, string, unknown, RegExp][] = [
      ["POST", "/api/attempts", {}, /problem/],
      ["POST", "/api/attempts", { problem: "two-sum" }, /outcome/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "won" }, /outcome/],
      ["POST", "/api/attempts", { problem: 42, outcome: "solved" }, /problem/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", minutes: "ten" }, /minutes/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", minutes: -1 }, /minutes/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", minutes: 100_000 }, /minutes/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", notes: long }, /notes/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", language: "y".repeat(41) }, /language/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", rating: "great" }, /rating/],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", attemptedAt: "yesterday" }, /attemptedAt/],
      [
        "POST",
        "/api/attempts",
        { problem: "two-sum", outcome: "solved", attemptedAt: "2999-01-01T00:00:00Z" },
        /future/,
      ],
      ["POST", "/api/attempts", { problem: "two-sum", outcome: "solved", userId: 1 }, /userId|unrecognized/i],
      ["POST", "/api/attempts", { problem: "no-such-problem", outcome: "solved" }, /No problem "no-such-problem"/],
      ["GET", "/api/attempts?outcome=won", undefined, /outcome/],
      ["GET", "/api/attempts?limit=0", undefined, /limit/],
      ["GET", "/api/attempts?limit=5000", undefined, /limit/],
      ["GET", "/api/attempts?from=soon", undefined, /from/],
      ["GET", "/api/attempts?from=2026-02-01&to=2026-01-01", undefined, /swap/],
      ["GET", "/api/attempts?user=1", undefined, /user|unrecognized/i],
      ["GET", "/api/attempts/abc", undefined, /id/],
      ["DELETE", "/api/attempts/0", undefined, /id/],
      ["GET", "/api/problems?difficulty=extreme", undefined, /difficulty/],
      ["GET", "/api/problems?topic=cooking", undefined, /topic/],
      ["GET", `/api/problems?q=${"q".repeat(201)}`, undefined, /q/],
      ["GET", "/api/problems/Not_A_Slug", undefined, /slug/],
      ["POST", "/api/problems", {}, /title/],
      ["POST", "/api/problems", { title: "X", difficulty: "easy", topics: [] }, /topic/],
      ["POST", "/api/problems", { title: "X", difficulty: "easy", topics: ["cooking"] }, /topics/],
      ["POST", "/api/problems", { title: "t".repeat(201), difficulty: "easy", topics: ["arrays"] }, /title/],
      [
        "POST",
        "/api/problems",
        { title: "X", difficulty: "easy", topics: ["arrays"], owner: 1 },
        /owner|unrecognized/i,
      ],
      [
        "POST",
        "/api/problems",
        { title: "X", difficulty: "easy", topics: ["arrays"], url: "javascript:alert(1)" },
        /url/,
      ],
      ["POST", "/api/problems", { title: "Two Sum", difficulty: "easy", topics: ["arrays"] }, /shared catalogue/],
      ["PUT", "/api/problems/two-sum/notes", {}, /body/],
      ["PUT", "/api/problems/two-sum/notes", { body: 5 }, /body/],
      ["PUT", "/api/problems/two-sum/notes", { body: long }, /body/],
      ["PUT", "/api/problems/two-sum/notes", { body: "ok", pinned: true }, /pinned|unrecognized/i],
      ["PUT", "/api/problems/no-such-problem/notes", { body: "ok" }, /No problem/],
      ["GET", "/api/reviews/due?limit=-1", undefined, /limit/],
      ["POST", "/api/reviews/two-sum/rate", {}, /rating/],
      ["POST", "/api/reviews/two-sum/rate", { rating: 3 }, /rating/],
      ["POST", "/api/reviews/two-sum/rate", { rating: "good", durationMs: -5 }, /durationMs/],
      ["POST", "/api/reviews/two-sum/rate", { rating: "good", extra: 1 }, /extra|unrecognized/i],
      ["GET", "/api/reviews/no-such-problem/preview", undefined, /No problem/],
      ["POST", "/api/reviews/3sum/suspend", undefined, /no review card/],
      ["GET", "/api/stats?userId=1", undefined, /userId|unrecognized/i],
      ["GET", "/api/weaknesses?all=true", undefined, /all|unrecognized/i],
      ["GET", "/api/mastery?x=1", undefined, /unrecognized/i],
      ["GET", "/api/roadmap?user=2", undefined, /unrecognized/i],
      ["GET", "/api/problems/two-sum?with=notes", undefined, /unrecognized/i],
      ["GET", "/api/reviews/two-sum/preview?rating=good", undefined, /unrecognized/i],
      ["GET", "/api/weaknesses/history?days=0", undefined, /days/],
      ["GET", "/api/weaknesses/history?topic=cooking", undefined, /topic/],
      ["PUT", "/api/roadmap/focus", {}, /topic/],
      ["PUT", "/api/roadmap/focus", { topic: "cooking" }, /topic/],
      ["POST", "/api/plan", { weeks: 0 }, /weeks/],
      ["POST", "/api/plan", { weeks: 53 }, /weeks/],
      ["POST", "/api/plan", { weeklyHours: -2 }, /weeklyHours/],
      ["POST", "/api/plan", { weeks: "four" }, /weeks/],
      ["POST", "/api/plan", { weeks: 2, hours: 3 }, /hours|unrecognized/i],
      ["GET", "/api/plan?limit=0", undefined, /limit/],
      ["POST", "/api/plan/items/abc/done", undefined, /id/],
      ["POST", "/api/plan/items/2147483647/done", undefined, /No plan item/],
    ];
    for (const [method, url, payload, message] of cases) {
      const response = await call(user, method, url, payload);
      const label = `${method} ${url} ${JSON.stringify(payload) ?? ""}`.slice(0, 160);
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      expect(response.body.error.message, label).toMatch(message);
    }
    expect(await footprint(user.id)).toEqual(before);
  });

  it("refuses a body over the size limit", async () => {
    const user = await signUp(app);
    const response = await call(user, "POST", "/api/attempts", {
      problem: "two-sum",
      outcome: "solved",
      notes: "n".repeat(3 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBeTruthy();
    expect(await ctx.db.select().from(attempts).where(eq(attempts.userId, user.id))).toHaveLength(0);
  });

  it("changes the stats right after a new attempt, and after a deletion", async () => {
    const user = await signUp(app);
    const first = await call(user, "GET", "/api/stats");
    expect(first.body).toMatchObject({ totalAttempts: 0, solved: 0 });
    expect((await call(user, "GET", "/api/stats")).body.totalAttempts).toBe(0);
    const logged = await call(user, "POST", "/api/attempts", { problem: "valid-anagram", outcome: "solved" });
    const second = await call(user, "GET", "/api/stats");
    expect(second.body).toMatchObject({ totalAttempts: 1, solved: 1 });
    expect(second.body.byDifficulty.easy.solved).toBe(1);
    const weakBefore = await call(user, "GET", "/api/weaknesses");
    await call(user, "DELETE", `/api/attempts/${logged.body.attempt.id}`);
    expect((await call(user, "GET", "/api/stats")).body.totalAttempts).toBe(0);
    const weakAfter = await call(user, "GET", "/api/weaknesses");
    const arrays = (r: { body: { topics: { topicId: string; attempts: number }[] } }) =>
      r.body.topics.find((t) => t.topicId === "arrays")?.attempts;
    expect(arrays(weakBefore)).toBe(1);
    expect(arrays(weakAfter)).toBe(0);
  });

  it("takes 200 parallel attempt logs from one user without losing one", async () => {
    const user = await signUp(app);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(user, "POST", "/api/attempts", {
          problem: i % 3 === 0 ? "two-sum" : "3sum",
          outcome: "solved",
          minutes: 15,
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(200);
    const stats = await call(user, "GET", "/api/stats");
    expect(stats.body.totalAttempts).toBe(200);
    expect(stats.body.solved).toBe(2);
    const card = await call(user, "GET", "/api/reviews/two-sum");
    expect(card.body.reps).toBe(67);
    expect(card.body.log).toHaveLength(67);
  });

  it("rates, previews, suspends and resumes a review card", async () => {
    const user = await signUp(app);
    const rated = await call(user, "POST", "/api/reviews/two-sum/rate", { rating: "good" });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ problemSlug: "two-sum", state: "review", reps: 1, suspended: false });
    expect(new Date(rated.body.due).getTime()).toBeGreaterThan(Date.now());
    const preview = await call(user, "GET", "/api/reviews/two-sum/preview");
    expect(preview.body.outcomes.map((o: { rating: string }) => o.rating)).toEqual(["again", "hard", "good", "easy"]);
    expect((await call(user, "POST", "/api/reviews/two-sum/suspend")).body.suspended).toBe(true);
    expect((await call(user, "POST", "/api/reviews/two-sum/resume")).body.suspended).toBe(false);
    const due = await call(user, "GET", "/api/reviews/due");
    expect(due.status).toBe(200);
    expect(due.body.reviews).toEqual([]);
    expect(due.body.newStartedToday).toBe(1);
    expect(due.body.newProblems).toHaveLength(2);
  });

  it("shows the roadmap, sets the focus topic and builds a plan with all 18 topics", async () => {
    const user = await signUp(app);
    const roadmap = await call(user, "GET", "/api/roadmap");
    expect(roadmap.body.topics).toHaveLength(18);
    expect(roadmap.body.unlockRule).toMatch(/3 problems solved/);
    const focus = await call(user, "PUT", "/api/roadmap/focus", { topic: "heap" });
    expect(focus.body.focusTopic).toBe("heap");
    const plan = await call(user, "POST", "/api/plan", { weeks: 6, weeklyHours: 5 });
    expect(plan.status).toBe(201);
    expect([...plan.body.topics].sort()).toEqual([...TOPIC_IDS].sort());
    expect(plan.body.items.items[0].topicId).toBe("heap");
    const current = await call(user, "GET", "/api/plan?limit=5");
    expect(current.body.id).toBe(plan.body.id);
    expect(current.body.items.items).toHaveLength(5);
    const done = await call(user, "POST", `/api/plan/items/${plan.body.items.items[0].id}/done`);
    expect(done.body.done).toBe(true);
    const mastery = await call(user, "GET", "/api/mastery");
    expect(mastery.body.topics).toHaveLength(18);
    const snapshot = await call(user, "POST", "/api/weaknesses/snapshot");
    expect(snapshot.status).toBe(201);
    const history = await call(user, "GET", "/api/weaknesses/history?topic=heap");
    expect(history.body.snapshots).toHaveLength(1);
    expect(history.body.snapshots[0].topics).toEqual([expect.objectContaining({ topicId: "heap" })]);
    await call(user, "PUT", "/api/roadmap/focus", { topic: null });
    expect((await call(user, "GET", "/api/roadmap")).body.focusTopic).toBeNull();
  });

  it("searches problems with the caller's status and reads one with its topics", async () => {
    const user = await signUp(app);
    await call(user, "POST", "/api/attempts", { problem: "merge-intervals", outcome: "solved" });
    const search = await call(user, "GET", "/api/problems?q=INTERVAL&topic=intervals&limit=3");
    expect(search.status).toBe(200);
    expect(search.body.limit).toBe(3);
    expect(search.body.items.length).toBeLessThanOrEqual(3);
    expect(search.body.total).toBeGreaterThan(3);
    const solved = await call(user, "GET", "/api/problems?status=solved");
    expect(solved.body.items.map((p: { slug: string }) => p.slug)).toEqual(["merge-intervals"]);
    const one = await call(user, "GET", "/api/problems/merge-intervals");
    expect(one.body).toMatchObject({ slug: "merge-intervals", status: "solved", attempts: 1 });
    expect(one.body.topics).toEqual([{ id: "intervals", name: "Intervals" }]);
  });
});
