// Tracking, training, weaknesses and roadmap at the service level, on a fake clock.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { TOPIC_IDS } from "../../src/config/constants.js";
import { queryRows } from "../../src/config/database.js";
import { attempts, problems, reviewCards, reviewLogs, users } from "../../src/database/schema.js";
import { NotFoundError } from "../../src/errors.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";

const clock = new FakeClock("2026-03-10T12:00:00Z");
let ctx: AppContext;

beforeAll(async () => {
  ctx = await createTestContext({}, { clock });
});
afterAll(async () => ctx?.close());

async function newUser(values: Partial<typeof users.$inferInsert> = {}): Promise<number> {
  const [row] = await ctx.db
    .insert(users)
    .values({ email: uniqueEmail("tracking"), passwordHash: "not-a-real-hash", ...values })
    .returning({ id: users.id });
  return row?.id as number;
}

async function topicSize(topic: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from problem_topics pt join problems p on p.id = pt.problem_id
         where pt.topic_id = ${topic} and p.owner_user_id is null`,
  );
  return row?.n ?? 0;
}

async function topicSlugs(topic: string): Promise<string[]> {
  const rows = await queryRows<{ slug: string }>(
    ctx.db,
    sql`select p.slug from problem_topics pt join problems p on p.id = pt.problem_id
         where pt.topic_id = ${topic} and p.owner_user_id is null order by p.leetcode_id`,
  );
  return rows.map((r) => r.slug);
}

describe(`tracking services on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("logs an attempt with a card and a review log in one go, and derives the rating from the time", async () => {
    clock.set("2026-03-10T12:00:00Z");
    const userId = await newUser();
    const logged = await ctx.tracking.logAttempt(userId, {
      problem: "two-sum",
      outcome: "solved",
      minutes: 8,
      language: "python",
    });
    expect(logged.attempt).toMatchObject({ problemSlug: "two-sum", outcome: "solved", rating: "easy", minutes: 8 });
    expect(logged.attempt.attemptedAt).toBe("2026-03-10T12:00:00.000Z");
    expect(logged.card.state).toBe("review");
    expect(logged.card.reps).toBe(1);
    const slow = await ctx.tracking.logAttempt(userId, {
      problem: "contains-duplicate",
      outcome: "solved",
      minutes: 45,
    });
    expect(slow.attempt.rating).toBe("hard");
    const failed = await ctx.tracking.logAttempt(userId, { problem: "valid-anagram", outcome: "gave_up", minutes: 10 });
    expect(failed.attempt.rating).toBe("again");
    const explicit = await ctx.tracking.logAttempt(userId, {
      problem: "group-anagrams",
      outcome: "solved",
      rating: "hard",
    });
    expect(explicit.attempt.rating).toBe("hard");
    const logs = await ctx.db.select().from(reviewLogs).where(eq(reviewLogs.userId, userId));
    expect(logs).toHaveLength(4);
    expect(logs.every((l) => l.attemptId !== null)).toBe(true);
  });

  it("refuses an unknown problem, a future date and negative minutes without writing anything", async () => {
    const userId = await newUser();
    await expect(ctx.tracking.logAttempt(userId, { problem: "no-such-problem", outcome: "solved" })).rejects.toThrow(
      /No problem "no-such-problem"/,
    );
    await expect(
      ctx.tracking.logAttempt(userId, {
        problem: "two-sum",
        outcome: "solved",
        attemptedAt: new Date(clock.now().getTime() + 86_400_000),
      }),
    ).rejects.toThrow(/in the future/);
    await expect(
      ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved", minutes: -3 }),
    ).rejects.toThrow(/minutes/);
    const rows = await ctx.db.select().from(attempts).where(eq(attempts.userId, userId));
    const cards = await ctx.db.select().from(reviewCards).where(eq(reviewCards.userId, userId));
    expect(rows).toHaveLength(0);
    expect(cards).toHaveLength(0);
  });

  it("counts coverage per difficulty and topic, distinct problems only", async () => {
    const userId = await newUser();
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved" });
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved" });
    await ctx.tracking.logAttempt(userId, { problem: "group-anagrams", outcome: "solved" });
    await ctx.tracking.logAttempt(userId, { problem: "valid-anagram", outcome: "failed" });
    const stats = await ctx.tracking.stats(userId);
    expect(stats.totalAttempts).toBe(4);
    expect(stats.solved).toBe(2);
    expect(stats.attempted).toBe(3);
    expect(stats.outcomes).toEqual({ solved: 3, failed: 1, gave_up: 0 });
    expect(stats.coverage).toEqual({ solved: 2, total: 258, ratio: Math.round((2 / 258) * 10_000) / 10_000 });
    expect(stats.byDifficulty.easy).toMatchObject({ attempts: 3, solved: 1, total: 66 });
    expect(stats.byDifficulty.medium).toMatchObject({ attempts: 1, solved: 1 });
    const arrays = stats.byTopic.find((t) => t.topicId === "arrays");
    const arraysSize = await topicSize("arrays");
    expect(arrays).toMatchObject({ attempts: 4, failed: 1, solved: 2, total: arraysSize });
    expect(arrays?.coverage).toBeCloseTo(2 / arraysSize, 4);
    expect(stats.byTopic).toHaveLength(18);
    expect(stats.heatmap["2026-03-10"]).toBe(4);
    expect(Object.keys(stats.heatmap)).toHaveLength(365);
  });

  it("shows a new attempt in the stats right away (the cache is invalidated)", async () => {
    const userId = await newUser();
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved" });
    expect((await ctx.tracking.stats(userId)).totalAttempts).toBe(1);
    expect((await ctx.tracking.stats(userId)).totalAttempts).toBe(1);
    const second = await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "failed" });
    expect((await ctx.tracking.stats(userId)).totalAttempts).toBe(2);
    await ctx.tracking.deleteAttempt(userId, second.attempt.id);
    expect((await ctx.tracking.stats(userId)).totalAttempts).toBe(1);
  });

  it("splits days at the user's local midnight, not UTC's", async () => {
    clock.set("2026-03-03T12:00:00Z");
    const la = await newUser({ timezone: "America/Los_Angeles" });
    const utc = await newUser({ timezone: "UTC" });
    for (const userId of [la, utc]) {
      // 23:30 and 00:30 Pacific: two local days, one UTC day
      await ctx.tracking.logAttempt(userId, {
        problem: "two-sum",
        outcome: "solved",
        attemptedAt: new Date("2026-03-03T07:30:00Z"),
      });
      await ctx.tracking.logAttempt(userId, {
        problem: "two-sum",
        outcome: "solved",
        attemptedAt: new Date("2026-03-03T08:30:00Z"),
      });
    }
    const laStats = await ctx.tracking.stats(la);
    expect(laStats.today).toBe("2026-03-03");
    expect(laStats.heatmap["2026-03-02"]).toBe(1);
    expect(laStats.heatmap["2026-03-03"]).toBe(1);
    expect(laStats.streak).toMatchObject({ current: 2, longest: 2, activeToday: true });
    const utcStats = await ctx.tracking.stats(utc);
    expect(utcStats.heatmap["2026-03-03"]).toBe(2);
    expect(utcStats.streak).toMatchObject({ current: 1, longest: 1 });
  });

  it("keeps counting days correctly across the spring DST change (Berlin, 29 March 2026)", async () => {
    clock.set("2026-03-31T22:00:00Z"); // 1 April, 00:00 in Berlin
    const userId = await newUser({ timezone: "Europe/Berlin" });
    // 00:30 and 23:30 local on 27–31 March; 29 March has only 23 hours.
    const instants = [
      "2026-03-26T23:30:00Z",
      "2026-03-27T22:30:00Z",
      "2026-03-27T23:30:00Z",
      "2026-03-28T22:30:00Z",
      "2026-03-28T23:30:00Z",
      "2026-03-29T21:30:00Z",
      "2026-03-29T22:30:00Z",
      "2026-03-30T21:30:00Z",
      "2026-03-30T22:30:00Z",
      "2026-03-31T21:30:00Z",
    ];
    for (const at of instants)
      await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved", attemptedAt: new Date(at) });
    const stats = await ctx.tracking.stats(userId);
    expect(stats.today).toBe("2026-04-01");
    for (const day of ["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"])
      expect(stats.heatmap[day], day).toBe(2);
    expect(stats.heatmap["2026-03-26"]).toBe(0);
    // nothing yet on 1 April: the streak is still alive from yesterday
    expect(stats.streak).toEqual({ current: 5, longest: 5, activeToday: false, lastActiveDate: "2026-03-31" });
    const week = stats.minutesPerWeek.find((w) => w.weekStart === "2026-03-23");
    expect(week?.attempts).toBe(6); // 27–29 March (Fri–Sun)
  });

  it("breaks the current streak after a day without practice but keeps the longest", async () => {
    clock.set("2026-05-10T12:00:00Z");
    const userId = await newUser();
    for (const at of ["2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-03T10:00:00Z", "2026-05-08T10:00:00Z"])
      await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved", attemptedAt: new Date(at) });
    const stats = await ctx.tracking.stats(userId);
    expect(stats.streak).toMatchObject({ current: 0, longest: 3, lastActiveDate: "2026-05-08" });
  });

  it("keeps 200 parallel attempt logs for one user: exact counts, one consistent card", async () => {
    clock.set("2026-06-01T12:00:00Z");
    const userId = await newUser();
    const outcomes = ["solved", "failed", "gave_up", "solved"] as const;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ctx.tracking.logAttempt(userId, {
          problem: i % 2 === 0 ? "two-sum" : "valid-anagram",
          outcome: outcomes[i % 4],
          minutes: 10,
        }),
      ),
    );
    const stats = await ctx.tracking.stats(userId);
    expect(stats.totalAttempts).toBe(200);
    expect(stats.outcomes).toEqual({ solved: 100, failed: 50, gave_up: 50 });
    const cards = await ctx.db.select().from(reviewCards).where(eq(reviewCards.userId, userId));
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(card.reps).toBe(100);
      const logs = await ctx.db.select().from(reviewLogs).where(eq(reviewLogs.cardId, card.id));
      expect(logs).toHaveLength(100);
      expect(logs.filter((l) => l.rating === 1)).toHaveLength(50);
      // every Again given to a card already in review is one lapse: none was lost to a race
      expect(card.lapses).toBe(logs.filter((l) => l.rating === 1 && l.state === 2).length);
      expect(card.lapses).toBeGreaterThanOrEqual(49);
    }
  });

  it("grows intervals with Good and shrinks them with Again", async () => {
    clock.set("2026-01-01T09:00:00Z");
    const userId = await newUser();
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const card = await ctx.training.rate(userId, "climbing-stairs", "good");
      intervals.push(card.scheduledDays);
      clock.set(card.due);
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1] as number);
    const lapse = await ctx.training.rate(userId, "climbing-stairs", "again");
    expect(lapse.scheduledDays).toBeLessThan(intervals.at(-1) as number);
    expect(lapse.lapses).toBe(1);
    const card = await ctx.training.card(userId, "climbing-stairs");
    expect(card.log.map((l) => l.rating)).toEqual(["again", "good", "good", "good", "good"]);
  });

  it("previews the four ratings in order of growing intervals without saving anything", async () => {
    clock.set("2026-02-01T09:00:00Z");
    const userId = await newUser();
    await ctx.training.rate(userId, "house-robber", "good");
    clock.advance(3 * 86_400_000);
    const preview = await ctx.training.preview(userId, "house-robber");
    expect(preview.map((p) => p.rating)).toEqual(["again", "hard", "good", "easy"]);
    const days = preview.map((p) => p.scheduledDays);
    expect(days[0]).toBeLessThanOrEqual(days[1] as number);
    expect(days[1]).toBeLessThan(days[2] as number);
    expect(days[2]).toBeLessThan(days[3] as number);
    expect((await ctx.training.card(userId, "house-robber")).reps).toBe(1);
  });

  it("orders the due queue by lowest retrievability and leaves out suspended cards", async () => {
    clock.set("2026-01-01T09:00:00Z");
    const userId = await newUser();
    await ctx.training.rate(userId, "two-sum", "easy");
    await ctx.training.rate(userId, "contains-duplicate", "hard");
    await ctx.training.rate(userId, "valid-anagram", "good");
    await ctx.training.rate(userId, "group-anagrams", "again");
    await ctx.training.rate(userId, "top-k-frequent-elements", "good");
    await ctx.training.suspend(userId, "top-k-frequent-elements");
    clock.set("2026-03-01T09:00:00Z");
    const queue = await ctx.training.dueQueue(userId);
    const slugs = queue.reviews.map((r) => r.problemSlug);
    expect(slugs).not.toContain("top-k-frequent-elements");
    expect(slugs).toHaveLength(4);
    const rs = queue.reviews.map((r) => r.retrievability);
    expect(rs).toEqual([...rs].sort((a, b) => a - b));
    expect(slugs[0]).toBe("group-anagrams");
    expect(slugs.at(-1)).toBe("two-sum");
    await ctx.training.resume(userId, "top-k-frequent-elements");
    expect((await ctx.training.dueQueue(userId)).reviews).toHaveLength(5);
  });

  it("applies the daily new-problem limit in the user's day", async () => {
    clock.set("2026-04-02T10:00:00Z");
    const userId = await newUser({ dailyNewLimit: 3 });
    const before = await ctx.training.dueQueue(userId);
    expect(before.newProblems).toHaveLength(3);
    expect(before.newProblems.every((p) => p.topicId === "arrays")).toBe(true);
    await ctx.tracking.logAttempt(userId, { problem: before.newProblems[0]?.problemSlug as string, outcome: "solved" });
    await ctx.tracking.logAttempt(userId, { problem: "valid-sudoku", outcome: "failed" });
    const after = await ctx.training.dueQueue(userId);
    expect(after.newStartedToday).toBe(2);
    expect(after.newProblems).toHaveLength(1);
    expect(after.newProblems[0]?.problemSlug).not.toBe(before.newProblems[0]?.problemSlug);
    clock.advance(86_400_000);
    expect((await ctx.training.dueQueue(userId)).newProblems).toHaveLength(3);
  });

  it("never shows one user's attempts, notes, cards or custom problems to another (404, not 403)", async () => {
    clock.set("2026-04-05T10:00:00Z");
    const alice = await newUser();
    const bob = await newUser();
    const logged = await ctx.tracking.logAttempt(alice, { problem: "two-sum", outcome: "solved" });
    await ctx.tracking.putNote(alice, "two-sum", { body: "hash map of complements", revisit: true });
    await ctx.catalog.createCustom(alice, { title: "Alice Secret Problem", difficulty: "hard", topics: ["graphs"] });
    await expect(ctx.tracking.getAttempt(bob, logged.attempt.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.tracking.deleteAttempt(bob, logged.attempt.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.tracking.getNote(bob, "two-sum")).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.training.card(bob, "two-sum")).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.training.suspend(bob, "two-sum")).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.catalog.get(bob, "alice-secret-problem")).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      ctx.tracking.logAttempt(bob, { problem: "alice-secret-problem", outcome: "solved" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await ctx.catalog.search(bob, { q: "alice secret" })).total).toBe(0);
    expect((await ctx.catalog.search(alice, { q: "ALICE SECRET" })).items[0]).toMatchObject({
      slug: "alice-secret-problem",
      custom: true,
      topics: ["graphs"],
    });
    expect((await ctx.tracking.getAttempt(alice, logged.attempt.id)).problemSlug).toBe("two-sum");
    expect((await ctx.tracking.getNote(alice, "two-sum")).revisit).toBe(true);
  });

  it("searches the catalogue by text, topic, difficulty and the user's status", async () => {
    const userId = await newUser();
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved" });
    await ctx.tracking.logAttempt(userId, { problem: "3sum", outcome: "failed" });
    const anagram = await ctx.catalog.search(userId, { q: "AnAgRaM" });
    // the roadmap's three, and the rated contest problems with "anagram" in the title (seed-ratings.ts)
    expect(anagram.items.map((p) => p.slug)).toEqual(
      expect.arrayContaining(["find-all-anagrams-in-a-string", "group-anagrams", "valid-anagram"]),
    );
    expect(anagram.items.every((p) => p.slug.includes("anagram"))).toBe(true);
    expect((await ctx.catalog.search(userId, { q: "two-sum-ii" })).items.map((p) => p.slug)).toEqual([
      "two-sum-ii-input-array-is-sorted",
    ]);
    const hardGraphs = await ctx.catalog.search(userId, { topic: "graphs", difficulty: "hard", limit: 100 });
    expect(hardGraphs.items.length).toBeGreaterThan(0);
    expect(hardGraphs.items.every((p) => p.difficulty === "hard" && p.topics.includes("graphs"))).toBe(true);
    expect((await ctx.catalog.search(userId, { status: "solved" })).items.map((p) => p.slug)).toEqual(["two-sum"]);
    expect((await ctx.catalog.search(userId, { status: "attempted" })).items.map((p) => p.slug)).toEqual(["3sum"]);
    // 258 roadmap problems and the rated contest problems the roadmap lacks (seed-ratings.ts)
    const page = await ctx.catalog.search(userId, { limit: 10, offset: 2772 });
    expect(page).toMatchObject({ total: 2780, limit: 10, offset: 2772 });
    expect(page.items).toHaveLength(8);
    await expect(ctx.catalog.search(userId, { topic: "cooking" })).rejects.toThrow(/Unknown topic "cooking"/);
  });

  it("refuses a custom problem that repeats a shared or an own slug", async () => {
    const userId = await newUser();
    await expect(
      ctx.catalog.createCustom(userId, { title: "Two Sum", difficulty: "easy", topics: ["arrays"] }),
    ).rejects.toThrow(/already in the shared catalogue/);
    await ctx.catalog.createCustom(userId, {
      title: "My Graph Drill",
      difficulty: "medium",
      topics: ["graphs", "trees"],
    });
    await expect(
      ctx.catalog.createCustom(userId, { title: "My graph drill!", difficulty: "medium", topics: ["graphs"] }),
    ).rejects.toThrow(/already have a problem "my-graph-drill"/);
    const detail = await ctx.catalog.get(userId, "my-graph-drill");
    expect(detail.topics.map((t) => t.id)).toEqual(["trees", "graphs"]);
    const stats = await ctx.tracking.stats(userId);
    expect(stats.coverage.total).toBe(259);
  });

  it("explains each weakness with its numbers and ranks failing topics above untouched ones", async () => {
    clock.set("2026-07-01T12:00:00Z");
    const userId = await newUser();
    const graphs = await topicSlugs("graphs");
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(clock.now().getTime() - daysAgo * day);
    await ctx.tracking.logAttempt(userId, { problem: graphs[0] as string, outcome: "failed", attemptedAt: at(25) });
    await ctx.tracking.logAttempt(userId, {
      problem: graphs[0] as string,
      outcome: "solved",
      minutes: 70,
      attemptedAt: at(24),
    });
    await ctx.tracking.logAttempt(userId, { problem: graphs[1] as string, outcome: "gave_up", attemptedAt: at(22) });
    await ctx.tracking.logAttempt(userId, {
      problem: graphs[1] as string,
      outcome: "solved",
      minutes: 40,
      attemptedAt: at(20),
    });
    await ctx.tracking.logAttempt(userId, { problem: graphs[2] as string, outcome: "failed", attemptedAt: at(19) });
    const report = await ctx.weaknesses.weaknesses(userId);
    expect(report.topics).toHaveLength(18);
    const g = report.topics.find((t) => t.topicId === "graphs");
    expect(g?.reason).toMatch(
      new RegExp(
        `^Graphs: 3 of 5 attempts failed \\(60 %\\), mastery \\d\\.\\d\\d, 2 of ${await topicSize("graphs")} problems covered, solves take .*× the time norm, last practised 19 days ago$`,
      ),
    );
    expect(report.topics[0]?.topicId).toBe("graphs");
    const untouched = report.topics.find((t) => t.topicId === "tries");
    expect(untouched?.reason).toBe(`Tries: not practised yet, 0 of ${await topicSize("tries")} problems covered`);
    expect(untouched?.score).toBe(35);
    expect(g?.score).toBeGreaterThan(untouched?.score as number);
    expect(["high", "critical"]).toContain(g?.severity);
  });

  it("keeps one weakness snapshot per local day and charts them over time", async () => {
    clock.set("2026-08-01T08:00:00Z");
    const userId = await newUser({ timezone: "Asia/Tokyo" });
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "failed" });
    const first = await ctx.weaknesses.snapshot(userId);
    expect(first.replaced).toBe(false);
    clock.advance(3_600_000);
    await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "failed" });
    const again = await ctx.weaknesses.snapshot(userId);
    expect(again.replaced).toBe(true);
    clock.advance(86_400_000);
    await ctx.weaknesses.snapshot(userId);
    const history = await ctx.weaknesses.history(userId);
    expect(history.map((h) => h.date)).toEqual(["2026-08-01", "2026-08-02"]);
    expect(history[0]?.topics).toHaveLength(18);
    const arrays = await ctx.weaknesses.history(userId, { topic: "arrays" });
    expect(arrays.every((h) => h.topics.length === 1 && h.topics[0]?.topicId === "arrays")).toBe(true);
  });

  it("unlocks a topic once every prerequisite has three solves", async () => {
    clock.set("2026-09-01T12:00:00Z");
    const userId = await newUser();
    const before = await ctx.roadmap.roadmap(userId);
    expect(before.topics).toHaveLength(18);
    expect(before.topics.filter((t) => t.unlocked).map((t) => t.id)).toEqual(["arrays"]);
    const arrays = await topicSlugs("arrays");
    for (const slug of arrays.slice(0, 3)) await ctx.tracking.logAttempt(userId, { problem: slug, outcome: "solved" });
    const after = await ctx.roadmap.roadmap(userId);
    const unlocked = after.topics.filter((t) => t.unlocked).map((t) => t.id);
    expect(unlocked).toEqual(["arrays", "two_pointers", "stack"]);
    const trees = after.topics.find((t) => t.id === "trees");
    expect(trees?.prerequisites.sort()).toEqual(["binary_search", "linked_list", "sliding_window"]);
    expect(trees?.blockedBy).toHaveLength(3);
    const arraysTopic = after.topics.find((t) => t.id === "arrays");
    expect(arraysTopic?.solved).toBe(3);
    expect(arraysTopic?.mastery).toBeGreaterThan(0);
  });

  it("plans every one of the 18 topics, even with little time or a finished topic", async () => {
    clock.set("2026-10-01T12:00:00Z");
    const userId = await newUser({ weeklyHours: 6, interviewDate: "2026-11-25" });
    const plan = await ctx.roadmap.generatePlan(userId);
    expect(plan.weeks).toBe(8);
    expect(plan.endsOn).toBe("2026-11-25");
    expect([...plan.topics].sort()).toEqual([...TOPIC_IDS].sort());
    expect(plan.overBudget).toBe(false);
    expect(plan.minutesByWeek.every((m) => m <= 360)).toBe(true);

    const busy = await newUser({ weeklyHours: 1 });
    const arrays = await topicSlugs("arrays");
    for (const slug of arrays) await ctx.tracking.logAttempt(busy, { problem: slug, outcome: "solved" });
    const tiny = await ctx.roadmap.generatePlan(busy, { weeks: 1 });
    expect([...tiny.topics].sort()).toEqual([...TOPIC_IDS].sort());
    expect(tiny.overBudget).toBe(true);
    expect(tiny.warnings[0]).toMatch(/every topic is kept/);
    const arraysItems = tiny.items.items.filter((i) => i.topicId === "arrays");
    expect(arraysItems.length).toBeGreaterThan(0);
    expect(arraysItems.every((i) => i.kind === "review")).toBe(true);
  });

  it("gives weak and focus topics more new problems and stores the plan", async () => {
    clock.set("2026-10-01T12:00:00Z");
    const userId = await newUser({ weeklyHours: 10 });
    await ctx.roadmap.setFocus(userId, "graphs");
    const plan = await ctx.roadmap.generatePlan(userId, { weeks: 4 });
    const count = (topic: string) => plan.items.items.filter((i) => i.topicId === topic && i.kind === "new").length;
    expect(count("graphs")).toBeGreaterThan(count("math"));
    expect(plan.items.items[0]?.topicId).toBe("graphs");
    const current = await ctx.roadmap.currentPlan(userId);
    expect(current.id).toBe(plan.id);
    const item = plan.items.items[0];
    const done = await ctx.roadmap.markItemDone(userId, item?.id as number);
    expect(done.done).toBe(true);
    const other = await newUser();
    await expect(ctx.roadmap.markItemDone(other, item?.id as number)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ctx.roadmap.currentPlan(other)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deletes an attempt but keeps the problem row and the other attempts", async () => {
    const userId = await newUser();
    const a = await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "solved" });
    const b = await ctx.tracking.logAttempt(userId, { problem: "two-sum", outcome: "failed" });
    await ctx.tracking.deleteAttempt(userId, a.attempt.id);
    const list = await ctx.tracking.listAttempts(userId);
    expect(list.items.map((i) => i.id)).toEqual([b.attempt.id]);
    const [problem] = await ctx.db
      .select()
      .from(problems)
      .where(and(eq(problems.slug, "two-sum")));
    expect(problem).toBeDefined();
  });
});
