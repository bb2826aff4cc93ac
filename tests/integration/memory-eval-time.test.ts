// Time questions of the fresh labeled set (tests/fixtures/memory-eval-tuning.json) through the product's memory
// search, on PGlite and on the real PostgreSQL (DATABASE_URL), with the embedder the tests use (offline).
// The holdout file is never read here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app-context.js";
import { FakeClock } from "../../src/config/clock.js";
import { createUser } from "../../src/services/accounts/user-service.js";
import { createTestContext, uniqueEmail, usingPostgres } from "../helpers/context.js";
import { loadEvalSets, productSearch, type SeededLearner, scoreSet, seedLearner } from "../helpers/memory-eval.js";

const set = loadEvalSets([new URL("../fixtures/memory-eval-tuning.json", import.meta.url).pathname]);
let ctx: AppContext;
let learner: SeededLearner;
let otherUserId: number;

beforeAll(async () => {
  ctx = await createTestContext({}, { clock: new FakeClock(set.now) });
  learner = await seedLearner(ctx, set);
  // another learner, same timezone, whose phone screen was on another day and who also studied intervals
  const other = await createUser(ctx.db, {
    email: uniqueEmail("other"),
    password: "correct horse battery",
    timezone: set.timezone,
  });
  otherUserId = other.id;
  await ctx.memory.manager.rememberMany(
    other.id,
    [
      {
        text: "Phone screen with Stripe scheduled for Sep 1.",
        kind: "fact",
        createdAt: new Date("2026-08-20T14:00:00Z"),
      },
      {
        text: "Merge Intervals: sort by start, extend the last merged end.",
        createdAt: new Date("2026-10-10T00:00:00Z"),
      },
    ],
    "now",
  );
});
afterAll(async () => ctx?.close());

const search = (query: string, limit = 5) => ctx.memory.rag.search(learner.user, query, { limit });
const keys = (hits: { id: number }[]) => hits.map((h) => learner.keyOf.get(h.id) ?? `?${h.id}`);

describe(`time questions on ${usingPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("finds the labeled memories of the tuning set's time questions in the top 5", async () => {
    const timeQuestions = set.queries.filter((q) => q.type === "time");
    expect(timeQuestions.length).toBeGreaterThanOrEqual(10);
    const score = await scoreSet(timeQuestions, (q) => productSearch(ctx, learner, q));
    console.log(`time recall@5 ${score.overall.toFixed(3)} over ${score.answerable}`, score.misses.join("\n  "));
    // Measured with offline-hash-v1 on PGlite and PostgreSQL 15 (2026-11-26): 0.980 (0.893 before the period
    // work); the one miss is a topic miss inside the right month ("linked lists in August" ranks an LRU note).
    expect(score.overall).toBeGreaterThanOrEqual(0.95);
  });

  it("lists a week Monday to Sunday on the learner's calendar, not UTC's", async () => {
    const result = await search("what did I practise during the week of Oct 19?", 20);
    expect(result.timeRange).toMatchObject({
      from: new Date("2026-10-19T04:00:00Z"),
      to: new Date("2026-10-26T04:00:00Z"),
    });
    const found = keys(result.hits);
    // Sunday 23:30 in New York is Monday in UTC: in the week; Sunday Oct 18 23:50 is Monday in UTC: not
    expect(found).toContain("sd-feed-ranking");
    expect(found).not.toContain("msg-cant-sleep");
    expect(found.sort()).toEqual(
      set.memories
        .filter((m) => m.createdAt >= "2026-10-19T04:00:00Z" && m.createdAt < "2026-10-26T04:00:00Z")
        .map((m) => m.key)
        .sort(),
    );
  });

  it("lists a period that names no topic by importance, not by date or word match", async () => {
    const { hits } = await search("what did I work on between Nov 3 and Nov 9?");
    expect(hits).toHaveLength(5);
    // the one mentor fact of that week comes first, though four notes and messages are newer
    expect(keys(hits)[0]).toBe("fact-idempotency");
    expect(hits.every((h) => h.matchedBy.join() === "time")).toBe(true);
    for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeLessThan(hits[i - 1].score);
  });

  it("filters to the period and ranks by topic when a question names both", async () => {
    const { hits, timeRange } = await search("system design between Nov 3 and Nov 9");
    expect(timeRange?.matched).toBe("between Nov 3 and Nov 9");
    expect(keys(hits)).toContain("sd-chat");
    // the message-queue design note is one day later
    expect(keys(hits)).not.toContain("message-queues");
  });

  it("bounds 'before my phone screen' by the day the learner's own memory gives it", async () => {
    const result = await search("what did I practise on intervals before my phone screen?");
    expect(result.timeRange?.to).toEqual(new Date("2026-10-15T04:00:00Z"));
    const found = keys(result.hits);
    expect(found).toContain("merge-intervals");
    expect(found).not.toContain("non-overlapping");
    expect(result.hits.every((h) => h.createdAt < new Date("2026-10-15T04:00:00Z"))).toBe(true);
  });

  it("searches the whole history when no memory dates the event", async () => {
    const result = await search("heaps before my dentist appointment", 10);
    expect(result.timeRange).toBeUndefined();
    expect(keys(result.hits)).toEqual(expect.arrayContaining(["stream-median", "msg-heapq"]));
  });

  it("never returns another learner's memory, nor dates an event by another learner's notes", async () => {
    for (const q of set.queries) {
      const { hits } = await search(q.query, 20);
      for (const h of hits) expect(learner.keyOf.has(h.id), `${q.query} → memory ${h.id}`).toBe(true);
    }
    const otherView = await ctx.memory.rag.search(
      { id: otherUserId, timezone: set.timezone },
      "intervals before my phone screen",
    );
    expect(otherView.timeRange?.to).toEqual(new Date("2026-09-01T04:00:00Z"));
    expect(otherView.hits).toEqual([]);
  });
});
