// Pure logic of tracking and training: ratings from time, FSRS intervals, local dates and streaks,
// weakness scores and sentences, study plans, the per-key write queue.
import { Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { TOPIC_IDS } from "../../src/config/constants.js";
import { buildPlan, type PlanTopic } from "../../src/services/roadmap/study-plan.js";
import { KeyedQueue } from "../../src/services/shared/keyed-queue.js";
import { addDays, computeStreak, localDate, weekStart } from "../../src/services/shared/local-dates.js";
import {
  emptyCard,
  NORM_MINUTES,
  ratingForAttempt,
  retrievability,
  schedulerFor,
} from "../../src/services/training/fsrs-scheduling.js";
import { reasonFor, scoreTopic, severityOf } from "../../src/services/weaknesses/weakness-scoring.js";

describe("ratings derived from an attempt", () => {
  it("maps outcome and minutes against the difficulty's norm", () => {
    expect(NORM_MINUTES).toEqual({ easy: 20, medium: 35, hard: 60 });
    expect(ratingForAttempt("failed", 5, "easy")).toBe(Rating.Again);
    expect(ratingForAttempt("gave_up", null, "hard")).toBe(Rating.Again);
    expect(ratingForAttempt("solved", undefined, "medium")).toBe(Rating.Good);
    expect(ratingForAttempt("solved", 17, "medium")).toBe(Rating.Easy);
    expect(ratingForAttempt("solved", 18, "medium")).toBe(Rating.Good);
    expect(ratingForAttempt("solved", 35, "medium")).toBe(Rating.Good);
    expect(ratingForAttempt("solved", 36, "medium")).toBe(Rating.Hard);
    expect(ratingForAttempt("solved", 61, "hard")).toBe(Rating.Hard);
  });
});

describe("FSRS scheduling", () => {
  const f = schedulerFor(0.9);
  it("schedules whole days only (no same-day relearning) and grows the interval with each Good", () => {
    let now = new Date("2026-01-01T09:00:00Z");
    let card = emptyCard(now);
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = f.next(card, now, Rating.Good);
      intervals.push(next.card.scheduled_days);
      card = next.card;
      now = card.due;
    }
    expect(intervals[0]).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]).toBeGreaterThan(intervals[i - 1] as number);
    const lapse = f.next(card, now, Rating.Again);
    expect(lapse.card.scheduled_days).toBeGreaterThanOrEqual(1);
    expect(lapse.card.scheduled_days).toBeLessThan(intervals.at(-1) as number);
    const hard = f.next(emptyCard(now), now, Rating.Hard);
    expect(hard.card.scheduled_days).toBeGreaterThanOrEqual(1);
  });

  it("schedules sooner for a higher target retention", () => {
    const now = new Date("2026-01-01T09:00:00Z");
    const strict = schedulerFor(0.97).next(emptyCard(now), now, Rating.Good).card;
    const loose = schedulerFor(0.8).next(emptyCard(now), now, Rating.Good).card;
    expect(strict.scheduled_days).toBeLessThan(loose.scheduled_days);
  });

  it("gives 0 recall for a new card and lower recall the longer it waits", () => {
    const now = new Date("2026-01-01T09:00:00Z");
    expect(retrievability(f, emptyCard(now), now)).toBe(0);
    const card = f.next(emptyCard(now), now, Rating.Good).card;
    const soon = retrievability(f, card, new Date("2026-01-03T09:00:00Z"));
    const late = retrievability(f, card, new Date("2026-03-01T09:00:00Z"));
    expect(soon).toBeGreaterThan(late);
  });
});

describe("local dates", () => {
  it("turns one instant into different dates in different zones", () => {
    const instant = new Date("2026-03-03T07:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-03-03");
    expect(localDate(instant, "America/Los_Angeles")).toBe("2026-03-02");
    expect(localDate(instant, "Asia/Kathmandu")).toBe("2026-03-03");
    expect(localDate(new Date("2026-03-02T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-03-03");
    expect(localDate(new Date("2026-03-02T18:14:59Z"), "Asia/Kathmandu")).toBe("2026-03-02");
  });

  it("counts calendar days across DST changes", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(weekStart("2026-03-29")).toBe("2026-03-23");
    expect(weekStart("2026-03-30")).toBe("2026-03-30");
  });

  it("computes current and longest streaks, alive until the end of the day after", () => {
    const days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05", "2026-01-06"];
    expect(computeStreak(days, "2026-01-06")).toEqual({
      current: 2,
      longest: 3,
      activeToday: true,
      lastActiveDate: "2026-01-06",
    });
    expect(computeStreak(days, "2026-01-07").current).toBe(2);
    expect(computeStreak(days, "2026-01-08").current).toBe(0);
    expect(computeStreak([], "2026-01-08")).toEqual({
      current: 0,
      longest: 0,
      activeToday: false,
      lastActiveDate: null,
    });
    expect(computeStreak(["2026-02-27", "2026-02-28", "2026-03-01"], "2026-03-01").current).toBe(3);
  });
});

describe("weakness scores", () => {
  const base = { topicId: "graphs", name: "Graphs", total: 13, timeRatio: null };
  it("writes the reason with the numbers", () => {
    expect(reasonFor({ ...base, attempts: 5, failed: 3, solved: 2, mastery: 0.41, daysSinceLast: 19 })).toBe(
      "Graphs: 3 of 5 attempts failed (60 %), mastery 0.41, 2 of 13 problems covered, last practised 19 days ago",
    );
    expect(
      reasonFor({ ...base, attempts: 1, failed: 0, solved: 1, mastery: 0.05, timeRatio: 1.5, daysSinceLast: 0 }),
    ).toBe(
      "Graphs: 0 of 1 attempt failed (0 %), mastery 0.05, 1 of 13 problems covered, solves take 1.5× the time norm, last practised today",
    );
  });

  it("ranks failing above untouched above mastered, with matching severities", () => {
    const failing = scoreTopic({
      ...base,
      attempts: 6,
      failed: 5,
      solved: 1,
      mastery: 0.05,
      timeRatio: 2.2,
      daysSinceLast: 25,
    });
    const untouched = scoreTopic({ ...base, attempts: 0, failed: 0, solved: 0, mastery: 0, daysSinceLast: null });
    const mastered = scoreTopic({ ...base, attempts: 20, failed: 1, solved: 12, mastery: 0.85, daysSinceLast: 1 });
    expect(untouched.score).toBe(35);
    expect(failing.score).toBeGreaterThan(75);
    expect(failing.severity).toBe("critical");
    expect(untouched.severity).toBe("medium");
    expect(mastered.severity).toBe("low");
    expect(failing.score).toBeGreaterThan(untouched.score);
    expect(untouched.score).toBeGreaterThan(mastered.score);
    expect([severityOf(0), severityOf(24.9), severityOf(25), severityOf(50), severityOf(75)]).toEqual([
      "low",
      "low",
      "medium",
      "high",
      "critical",
    ]);
  });

  it("does not call one failed attempt a full failure rate", () => {
    const once = scoreTopic({ ...base, attempts: 1, failed: 1, solved: 0, mastery: 0, daysSinceLast: 0 });
    const thrice = scoreTopic({ ...base, attempts: 3, failed: 3, solved: 0, mastery: 0, daysSinceLast: 0 });
    expect(thrice.components.failure).toBe(1);
    expect(once.components.failure).toBeCloseTo(0.33, 2);
  });
});

function topicsFixture(perTopic = 15): PlanTopic[] {
  return TOPIC_IDS.map((id, position) => ({
    id,
    name: id,
    position,
    unlocked: position === 0,
    weaknessScore: 35,
    newProblems: Array.from({ length: perTopic }, (_, i) => ({
      problemId: position * 100 + i,
      slug: `${id}-${i}`,
      difficulty: i < 5 ? "easy" : "medium",
    })),
    weakestCard: null,
  }));
}

describe("study plans", () => {
  it("fits the weekly hours and keeps every topic", () => {
    const plan = buildPlan({
      weeks: 8,
      weeklyMinutes: 360,
      startDate: "2026-01-05",
      focusTopic: null,
      topics: topicsFixture(),
      cards: [],
    });
    expect(new Set(plan.items.map((i) => i.topicId)).size).toBe(18);
    expect(plan.minutesByWeek.every((m) => m <= 360)).toBe(true);
    expect(plan.overBudget).toBe(false);
    expect(plan.items.every((i) => i.week >= 1 && i.week <= 8)).toBe(true);
  });

  it("keeps every topic even when the time is far too short, and says so", () => {
    const plan = buildPlan({
      weeks: 1,
      weeklyMinutes: 60,
      startDate: "2026-01-05",
      focusTopic: null,
      topics: topicsFixture(),
      cards: [],
    });
    expect(new Set(plan.items.map((i) => i.topicId)).size).toBe(18);
    expect(plan.overBudget).toBe(true);
    expect(plan.warnings).toHaveLength(1);
  });

  it("keeps a topic with nothing left to learn as a review or a study item", () => {
    const topics = topicsFixture();
    topics[3] = {
      ...(topics[3] as PlanTopic),
      newProblems: [],
      weakestCard: { problemId: 9, slug: "x", difficulty: "hard", retrievability: 0.4 },
    };
    topics[4] = { ...(topics[4] as PlanTopic), newProblems: [], weakestCard: null };
    const plan = buildPlan({
      weeks: 4,
      weeklyMinutes: 300,
      startDate: "2026-01-05",
      focusTopic: null,
      topics,
      cards: [],
    });
    expect(plan.items.filter((i) => i.topicId === topics[3]?.id).map((i) => i.kind)).toEqual(["review"]);
    expect(plan.items.filter((i) => i.topicId === topics[4]?.id).map((i) => i.kind)).toEqual(["topic"]);
  });

  it("gives weak and focus topics more problems, and puts the focus first", () => {
    const topics = topicsFixture().map((t) => (t.id === "graphs" ? { ...t, weaknessScore: 90 } : t));
    const plan = buildPlan({
      weeks: 6,
      weeklyMinutes: 600,
      startDate: "2026-01-05",
      focusTopic: "dp_2d",
      topics,
      cards: [],
    });
    const count = (id: string) => plan.items.filter((i) => i.topicId === id).length;
    expect(count("graphs")).toBeGreaterThan(count("math"));
    expect(count("dp_2d")).toBeGreaterThan(count("math"));
    expect(plan.items[0]?.topicId).toBe("dp_2d");
  });

  it("plans due reviews in the week they fall due, within the review share", () => {
    const cards = [
      { problemId: 1, slug: "a", difficulty: "easy", topicId: "arrays", dueDate: "2026-01-01", retrievability: 0.5 },
      { problemId: 2, slug: "b", difficulty: "easy", topicId: "arrays", dueDate: "2026-01-14", retrievability: 0.95 },
    ];
    const plan = buildPlan({
      weeks: 3,
      weeklyMinutes: 300,
      startDate: "2026-01-05",
      focusTopic: null,
      topics: topicsFixture(),
      cards,
    });
    const reviews = plan.items.filter((i) => i.kind === "review");
    expect(reviews.map((r) => [r.problemId, r.week])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});

describe("per-key write queue", () => {
  it("runs tasks of one key one at a time and others in parallel, even when one fails", async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task =
      (label: string, fail = false) =>
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(label);
        running--;
        if (fail) throw new Error(label);
        return label;
      };
    const results = await Promise.allSettled([
      queue.run("a", task("a1")),
      queue.run("a", task("a2", true)),
      queue.run("a", task("a3")),
    ]);
    expect(order).toEqual(["a1", "a2", "a3"]);
    expect(maxRunning).toBe(1);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.size).toBe(0);
  });
});
