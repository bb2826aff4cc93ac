// The fast paths of issue 15 keep their promises: a cached stats body is what a fresh one would be and
// follows the user's own writes at once; an in-process session memo never outlives a revocation made
// here and lets one made elsewhere through within SESSION_MEMO_MS; an attempt planned on a card that
// another writer changed meanwhile is scheduled from the newer card.
import { and, count, eq } from "drizzle-orm";
import { Rating } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { planItems, reviewCards, reviewLogs, skillEstimates } from "../../src/database/schema.js";
import { SESSION_MEMO_MS, SessionService } from "../../src/services/accounts/session-service.js";
import { loadAttemptTarget, planReview, writeAttemptAndReview } from "../../src/services/tracking/attempt-write.js";
import { createTestContext, usingPostgres, usingRedis } from "../helpers/context.js";
import { createTestApp, signUp } from "../helpers/http.js";

const clock = new FakeClock("2026-04-01T09:00:00Z");
let ctx: AppContext;
let app: App;
beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
  app = await createTestApp(ctx);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const backends = `${usingPostgres ? "PostgreSQL" : "PGlite"} + ${usingRedis ? "Redis" : "memory cache"}`;

describe(`cached statistics on ${backends}`, () => {
  it("serves the cached body unchanged, and an attempt logged just before is counted in the next read", async () => {
    const user = await signUp(app);
    const log = (problem: string) =>
      app.inject({
        method: "POST",
        url: "/api/attempts",
        headers: user.headers,
        payload: { problem, outcome: "solved" },
      });
    expect((await log("two-sum")).statusCode).toBe(201);
    const first = await app.inject({ method: "GET", url: "/api/stats", headers: user.headers });
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    const cached = await app.inject({ method: "GET", url: "/api/stats", headers: user.headers });
    expect(cached.body).toBe(first.body);
    expect(cached.body).toBe(JSON.stringify(await ctx.tracking.computeStats(user.id)));
    const before = first.json() as { totalAttempts: number };

    // the invalidation runs after the response; the next read here must still see the new attempt
    expect((await log("valid-parentheses")).statusCode).toBe(201);
    const after = (await app.inject({ method: "GET", url: "/api/stats", headers: user.headers })).json() as {
      totalAttempts: number;
    };
    expect(after.totalAttempts).toBe(before.totalAttempts + 1);
  });

  it("answers 401 to a stats read without a session, cached or not", async () => {
    const response = await app.inject({ method: "GET", url: "/api/stats" });
    expect(response.statusCode).toBe(401);
  });
});

describe(`the in-process session memo on ${backends}`, () => {
  it("refuses a logged-out cookie at once here, and within the memo window on another API process", async () => {
    const user = await signUp(app);
    const cookieValue = user.headers.cookie.slice("maang_session=".length);
    // a second API process: its own SessionService (its own memo) over the same database and cache
    const elsewhere = new SessionService({
      db: ctx.db,
      cache: ctx.cache,
      clock,
      settings: ctx.settings,
      logger: ctx.logger,
    });
    expect((await elsewhere.resolve(cookieValue))?.user.id).toBe(user.id);
    expect((await ctx.sessions.resolve(cookieValue))?.user.id).toBe(user.id);

    const logout = await app.inject({ method: "POST", url: "/api/auth/logout", headers: user.headers });
    expect(logout.statusCode).toBeLessThan(300);
    expect((await app.inject({ method: "GET", url: "/api/me", headers: user.headers })).statusCode).toBe(401);
    expect(await ctx.sessions.resolve(cookieValue)).toBeUndefined();

    clock.advance(SESSION_MEMO_MS + 1);
    expect(await elsewhere.resolve(cookieValue)).toBeUndefined();
  });

  it("drops every memoised session of a user whose sessions were all revoked here", async () => {
    const user = await signUp(app);
    const cookieValue = user.headers.cookie.slice("maang_session=".length);
    expect((await ctx.sessions.resolve(cookieValue))?.user.id).toBe(user.id);
    await ctx.sessions.revokeAll(user.id);
    expect(await ctx.sessions.resolve(cookieValue)).toBeUndefined();
  });
});

describe(`an attempt planned before its transaction on ${backends}`, () => {
  it("is scheduled from the newer card when another review landed between its snapshot and its write", async () => {
    const user = await signUp(app);
    await app.inject({
      method: "POST",
      url: "/api/attempts",
      headers: user.headers,
      payload: { problem: "two-sum", outcome: "solved" },
    });
    const target = await loadAttemptTarget(ctx.db, user.id, "two-sum");
    if (!target.problem || !target.card) throw new Error("expected the problem and its card");
    expect(target.card.reps).toBe(1);
    const planned = planReview(target.learner, target.problem.id, target.card, Rating.Good, clock.now());
    expect(planned.next.card.reps).toBe(2);

    // another writer reviews the same card after the snapshot
    clock.advance(60_000);
    await ctx.training.rate(user.id, "two-sum", "hard");

    const problem = target.problem;
    const card = await ctx.db.transaction((tx) =>
      ctx.training.reviewInTransaction(tx, target.learner, problem, Rating.Good, clock.now(), { planned }),
    );
    expect(card.reps).toBe(3);
    const [logs] = await ctx.db
      .select({ n: count() })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, user.id), eq(reviewLogs.cardId, card.id)));
    expect(logs?.n).toBe(3);
    const [stored] = await ctx.db.select().from(reviewCards).where(eq(reviewCards.id, card.id));
    expect(stored?.reps).toBe(3);
  });

  it("answers 404 naming the slug for a problem that does not exist, and writes nothing", async () => {
    const user = await signUp(app);
    const response = await app.inject({
      method: "POST",
      url: "/api/attempts",
      headers: user.headers,
      payload: { problem: "no-such-problem-anywhere", outcome: "solved" },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("no-such-problem-anywhere");
    const [cards] = await ctx.db.select({ n: count() }).from(reviewCards).where(eq(reviewCards.userId, user.id));
    expect(cards?.n).toBe(0);
  });
});

describe(`the attempt's one statement (attempt, card, log, plan tick, rating locks) on ${backends}`, () => {
  const logAt = (user: { headers: Record<string, string> }, problem: string, attemptedAt?: string) =>
    app.inject({
      method: "POST",
      url: "/api/attempts",
      headers: user.headers,
      payload: { problem, outcome: "solved", minutes: 12, ...(attemptedAt ? { attemptedAt } : {}) },
    });

  it("ticks the earliest open item of the planned problem, never for an attempt dated before the plan", async () => {
    const user = await signUp(app);
    expect(
      (await app.inject({ method: "POST", url: "/api/plan", headers: user.headers, payload: { weeks: 2 } })).statusCode,
    ).toBe(201);
    const plan = (await app.inject({ url: "/api/plan", headers: user.headers })).json() as {
      items: { items: { id: number; problemSlug: string | null; done: boolean }[] };
    };
    const item = plan.items.items.find((i) => i.problemSlug);
    if (!item?.problemSlug) throw new Error("the plan has no problem item");

    // dated a day before the plan was made: logged, but it ticks nothing
    const early = await logAt(user, item.problemSlug, new Date(clock.now().getTime() - 86_400_000).toISOString());
    expect(early.statusCode, early.body).toBe(201);
    expect(early.json().planItemId).toBeNull();
    const [open] = await ctx.db.select().from(planItems).where(eq(planItems.id, item.id));
    expect(open?.doneAt).toBeNull();

    clock.advance(60_000);
    const onTime = await logAt(user, item.problemSlug);
    expect(onTime.statusCode, onTime.body).toBe(201);
    expect(onTime.json().planItemId).toBe(item.id);
    const [done] = await ctx.db.select().from(planItems).where(eq(planItems.id, item.id));
    expect(done?.doneAttemptId).toBe(onTime.json().attempt.id);

    // the item is done: a third attempt ticks another item of the same problem, if the plan has one
    const again = await logAt(user, item.problemSlug);
    const others = plan.items.items.filter((i) => i.problemSlug === item.problemSlug && i.id !== item.id);
    expect(again.json().planItemId).toBe(others[0]?.id ?? null);
  });

  it("counts every parallel attempt of a new user in the skill ratings (none lost to a race, no deadlock)", async () => {
    // three problems sharing topics, for users with no skill rows yet: the rows are created while other
    // attempts lock them (a plain topic lock order deadlocked here on PostgreSQL, one run in two)
    for (let round = 0; round < 3; round++) {
      const user = await signUp(app);
      const slugs = ["two-sum", "valid-anagram", "contains-duplicate"];
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => logAt(user, slugs[i % 3] as string)));
      expect(
        responses.map((r) => r.statusCode),
        responses.find((r) => r.statusCode !== 201)?.body,
      ).toEqual(Array(30).fill(201));
      const [global] = await ctx.db
        .select()
        .from(skillEstimates)
        .where(and(eq(skillEstimates.userId, user.id), eq(skillEstimates.topic, "global")));
      expect(global?.attempts).toBe(30);
    }
  });

  it("returns the locked problem and skill rows; met_before does not see the attempt it inserts", async () => {
    const user = await signUp(app);
    expect((await logAt(user, "two-sum")).statusCode).toBe(201);
    const fresh = await loadAttemptTarget(ctx.db, user.id, "valid-anagram");
    const seen = await loadAttemptTarget(ctx.db, user.id, "two-sum");
    if (!fresh.problem || !seen.problem) throw new Error("expected both problems");
    const write = (target: typeof fresh) =>
      ctx.db.transaction((tx) => {
        const problem = target.problem as NonNullable<typeof target.problem>;
        const now = clock.now();
        return writeAttemptAndReview(
          tx,
          {
            userId: user.id,
            problemId: problem.id,
            outcome: "solved",
            rating: Rating.Good,
            minutes: 10,
            language: null,
            notes: null,
            attemptedAt: now,
            source: "manual",
            createdAt: now,
          },
          planReview(target.learner, problem.id, target.card, Rating.Good, now),
          now,
          600_000,
          { lockForRating: true },
        );
      });
    const first = await write(fresh);
    expect(first.card?.reps).toBe(1);
    expect(first.locked?.problem).toMatchObject({ id: fresh.problem.id, met_before: false });
    expect(first.locked?.problem.topics?.length).toBeGreaterThan(0);
    // the skill rows that exist (global and two-sum's topics, made by the first attempt), in topic order
    const topics = (first.locked?.skills ?? []).map((s) => s.topic);
    expect(topics).toContain("global");
    expect(topics).toEqual([...topics].sort());

    const repeat = await write(seen);
    expect(repeat.locked?.problem).toMatchObject({ id: seen.problem.id, met_before: true });
    expect(repeat.planItemId).toBeNull();
  });
});
