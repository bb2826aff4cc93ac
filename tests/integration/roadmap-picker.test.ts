// The review queue's new-problem picker belongs to the roadmap feature and reaches training through its
// constructor (issue 14): no setter, no RoadmapService ↔ TrainingService cycle. The unlock rule it and
// the recommender use, read straight from the database, agrees with the roadmap the user sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { newProblemPicker } from "../../src/services/roadmap/new-problem-picker.js";
import { loadTopicUnlocks, UNLOCK_SOLVED } from "../../src/services/roadmap/topic-unlocks.js";
import { type NewProblem, TrainingService } from "../../src/services/training/training-service.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";

let ctx: AppContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

async function newUser(): Promise<number> {
  return (await createUser(ctx.db, { email: uniqueEmail("pick"), password: "long enough password" })).id;
}

/** Solves the first `n` shared problems of a topic. */
async function solveInTopic(userId: number, topicId: string, n: number): Promise<void> {
  const page = await ctx.catalog.search(userId, { topic: topicId, limit: n });
  for (const p of page.items.slice(0, n))
    await ctx.tracking.logAttempt(userId, { problem: p.slug, outcome: "solved", minutes: 20 });
}

describe(`roadmap new-problem picker on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("reads the same unlock states as the roadmap shows, before and after prerequisites are solved", async () => {
    const userId = await newUser();
    const states = (topics: { id: string; unlocked: boolean; blockedBy: unknown }[]) =>
      topics.map(({ id, unlocked, blockedBy }) => ({ id, unlocked, blockedBy }));
    const before = await loadTopicUnlocks(ctx.db, userId);
    expect(states(before)).toEqual(states((await ctx.roadmap.roadmap(userId)).topics));
    expect(before.some((t) => !t.unlocked)).toBe(true);
    // solve enough of an open topic that something it gates unlocks
    const gate = before.find((t) => t.unlocked && before.some((o) => o.prerequisites.includes(t.id)));
    expect(gate).toBeDefined();
    await solveInTopic(userId, gate?.id ?? "", UNLOCK_SOLVED);
    const after = await loadTopicUnlocks(ctx.db, userId);
    expect(states(after)).toEqual(states((await ctx.roadmap.roadmap(userId)).topics));
    expect(after.find((t) => t.id === gate?.id)?.solved).toBe(UNLOCK_SOLVED);
    expect(after.filter((t) => t.unlocked).length).toBeGreaterThan(before.filter((t) => t.unlocked).length);
  });

  it("training asks the picker it was built with, for what is left of the daily new-problem limit", async () => {
    const userId = await newUser();
    const asked: { userId: number; count: number }[] = [];
    const fake: NewProblem = { problemSlug: "two-sum", title: "Two Sum", difficulty: "easy", topicId: "arrays" };
    const training = new TrainingService({
      db: ctx.db,
      cache: ctx.cache,
      clock: ctx.clock,
      catalog: ctx.catalog,
      ttlSeconds: 0,
      pickNewProblems: newProblemPicker({
        pickNewProblems: async (id, count) => {
          asked.push({ userId: id, count });
          return [fake];
        },
      }),
    });
    const queue = await training.dueQueue(userId);
    expect(queue.newProblems).toEqual([fake]);
    expect(asked).toEqual([{ userId, count: queue.dailyNewLimit - queue.newStartedToday }]);
  });

  it("the app's review queue offers the recommender's never-tried problems, wired at the composition root", async () => {
    const userId = await newUser();
    await solveInTopic(userId, "arrays", 1);
    const queue = await ctx.training.dueQueue(userId);
    const remaining = queue.dailyNewLimit - queue.newStartedToday;
    expect(queue.newProblems.length).toBeGreaterThan(0);
    expect(queue.newProblems).toEqual(await ctx.recommendations.pickNewProblems(userId, remaining));
    const solved = new Set((await ctx.tracking.listAttempts(userId, {})).items.map((a) => a.problemSlug));
    for (const p of queue.newProblems) expect(solved.has(p.problemSlug)).toBe(false);
  });
});
