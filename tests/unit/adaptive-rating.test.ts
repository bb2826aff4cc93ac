// The rating model (Glicko-1 per attempt), the attempt score, the prediction, band selection and blind mode.
import { describe, expect, it } from "vitest";
import { difficultyPriors, nearestDifficulty, readContestRatings } from "../../src/database/seed-ratings.js";
import { hideUnattempted } from "../../src/services/adaptive/blind-mode.js";
import {
  ageDeviation,
  attemptScore,
  bandOrder,
  combineEstimates,
  MAX_STEP,
  MIN_LEARNER_DEVIATION,
  NEW_LEARNER,
  PRODUCTIVE_BAND,
  ratingForProbability,
  successProbability,
  updateEstimate,
} from "../../src/services/adaptive/rating-math.js";
import { explain, weakestTopics } from "../../src/services/adaptive/recommendations.js";
import { type SkillEstimate, startingTopicEstimate } from "../../src/services/adaptive/skill-estimates.js";

describe("rating update", () => {
  it("is symmetric: with equal uncertainty, the learner gains what the problem loses", () => {
    const learner = { rating: 1600, deviation: 120 };
    const problem = { rating: 1700, deviation: 120 };
    const learnerAfter = updateEstimate(learner, problem, 1);
    const problemAfter = updateEstimate(problem, learner, 0);
    expect(learnerAfter.rating - learner.rating).toBeCloseTo(problem.rating - problemAfter.rating, 6);
    expect(learnerAfter.deviation).toBeCloseTo(problemAfter.deviation, 6);
  });

  it("moves up on a win and down on a loss, more for a surprise", () => {
    const learner = { rating: 1500, deviation: 200 };
    const hard = { rating: 1900, deviation: 80 };
    const easy = { rating: 1100, deviation: 80 };
    const winHard = updateEstimate(learner, hard, 1).rating - 1500;
    const winEasy = updateEstimate(learner, easy, 1).rating - 1500;
    expect(winEasy).toBeGreaterThan(0);
    expect(winHard).toBeGreaterThan(winEasy);
    expect(updateEstimate(learner, easy, 0).rating).toBeLessThan(1500);
  });

  it("never steps further than MAX_STEP, however surprising the result", () => {
    const unknown = { rating: 1500, deviation: 350 };
    const monster = { rating: 3800, deviation: 35 };
    const after = updateEstimate(unknown, monster, 1);
    expect(after.rating - 1500).toBeLessThanOrEqual(MAX_STEP);
    expect(after.rating - 1500).toBeGreaterThan(MAX_STEP - 1);
  });

  it("shrinks the uncertainty with every piece of evidence, down to a floor, and steps get smaller", () => {
    let learner = { ...NEW_LEARNER };
    const problem = { rating: 1500, deviation: 60 };
    const steps: number[] = [];
    const deviations: number[] = [learner.deviation];
    for (let i = 0; i < 100; i++) {
      const next = updateEstimate(learner, problem, i % 2, { minDeviation: MIN_LEARNER_DEVIATION });
      steps.push(Math.abs(next.rating - learner.rating));
      deviations.push(next.deviation);
      learner = next;
    }
    for (let i = 1; i < deviations.length; i++) expect(deviations[i]).toBeLessThanOrEqual(deviations[i - 1] as number);
    expect(learner.deviation).toBe(MIN_LEARNER_DEVIATION);
    expect(steps[60]).toBeLessThan((steps[0] as number) / 3);
  });

  it("weighs a repeat attempt as partial evidence", () => {
    const learner = { rating: 1500, deviation: 200 };
    const problem = { rating: 1500, deviation: 80 };
    const full = updateEstimate(learner, problem, 1);
    const half = updateEstimate(learner, problem, 1, { weight: 0.5 });
    expect(half.rating - 1500).toBeLessThan(full.rating - 1500);
    expect(half.deviation).toBeGreaterThan(full.deviation);
    expect(updateEstimate(learner, problem, 1, { weight: 0 })).toEqual(learner);
  });

  it("grows an idle learner's uncertainty back, capped at the start", () => {
    expect(ageDeviation(50, 0)).toBe(50);
    expect(ageDeviation(50, 30)).toBeGreaterThan(50);
    expect(ageDeviation(50, 730)).toBeCloseTo(350, 0);
    expect(ageDeviation(50, 5000)).toBe(350);
  });
});

describe("attempt score", () => {
  it("counts a fast clean solve as a full win, and slowness and hints as less", () => {
    const base = { outcome: "solved" as const, normMinutes: 20, hintsUsed: 0 };
    expect(attemptScore({ ...base, minutes: 10 })).toBe(1);
    expect(attemptScore({ ...base, minutes: 30 })).toBeCloseTo(0.9);
    expect(attemptScore({ ...base, minutes: 100 })).toBeCloseTo(0.8);
    expect(attemptScore({ ...base, minutes: 10, hintsUsed: 2 })).toBeCloseTo(0.8);
    expect(attemptScore({ ...base, minutes: 100, hintsUsed: 5 })).toBeCloseTo(0.65);
    expect(attemptScore({ ...base, outcome: "failed", minutes: 5 })).toBe(0);
    expect(attemptScore({ ...base, outcome: "gave_up", minutes: null })).toBe(0);
  });
});

describe("prediction", () => {
  it("is 50 % at equal ratings, about 10:1 at 400 points with certainty, flatter with uncertainty", () => {
    expect(successProbability({ rating: 1600, deviation: 0 }, { rating: 1600, deviation: 0 })).toBeCloseTo(0.5);
    expect(successProbability({ rating: 2000, deviation: 0 }, { rating: 1600, deviation: 0 })).toBeCloseTo(10 / 11, 3);
    const sure = successProbability({ rating: 1800, deviation: 40 }, { rating: 1600, deviation: 40 });
    const unsure = successProbability({ rating: 1800, deviation: 350 }, { rating: 1600, deviation: 40 });
    expect(unsure).toBeLessThan(sure);
    expect(unsure).toBeGreaterThan(0.5);
  });

  it("inverts: the rating for a wanted probability gives that probability back", () => {
    const learner = { rating: 1650, deviation: 110 };
    const rating = ratingForProbability(learner, 100, 0.675);
    expect(successProbability(learner, { rating, deviation: 100 })).toBeCloseTo(0.675, 6);
    expect(rating).toBeLessThan(1650);
  });

  it("blends topic estimates by precision, and starts a new topic from the global skill", () => {
    const blended = combineEstimates([
      { rating: 1400, deviation: 100 },
      { rating: 1800, deviation: 200 },
    ]);
    expect(blended.rating).toBeCloseTo(1480, 0);
    expect(blended.deviation).toBeLessThan(100);
    const start = startingTopicEstimate({ rating: 1700, deviation: 60 });
    expect(start.rating).toBe(1700);
    expect(start.deviation).toBeGreaterThan(150);
  });
});

describe("band selection", () => {
  it("puts in-band problems first by priority, then the nearest to the band", () => {
    const ordered = bandOrder([
      { id: "too-easy", successProbability: 0.95, priority: 4 },
      { id: "edge-low", successProbability: 0.61, priority: 0 },
      { id: "middle", successProbability: 0.68, priority: 0 },
      { id: "focus", successProbability: 0.74, priority: 3 },
      { id: "too-hard", successProbability: 0.5, priority: 4 },
      { id: "near-high", successProbability: 0.78, priority: 0 },
    ]);
    expect(ordered.map((c) => c.id)).toEqual(["focus", "middle", "edge-low", "near-high", "too-hard", "too-easy"]);
    expect(PRODUCTIVE_BAND.low).toBe(0.6);
    expect(PRODUCTIVE_BAND.high).toBe(0.75);
  });

  it("names only the weakest of enough practised topics, and explains with the numbers", () => {
    const skill = (topic: string, rating: number, attempts = 3): [string, SkillEstimate] => [
      topic,
      { topic, rating, deviation: 90, attempts, updatedAt: null },
    ];
    const few = new Map([skill("arrays", 1400), skill("graphs", 1700)]);
    expect(weakestTopics(few)).toEqual([]);
    const many = new Map([
      skill("arrays", 1400),
      skill("graphs", 1700),
      skill("trees", 1300),
      skill("heap", 1600),
      skill("math", 1200, 0),
      skill("global", 1000),
    ]);
    expect(weakestTopics(many)).toEqual(["trees", "arrays", "heap"]);
    expect(
      explain({ rating: 1720, deviation: 100 }, { rating: 1610, deviation: 90 }, ["Graphs"], 62, false, false),
    ).toBe("rated 1,720; your Graphs 1,610 ± 90 → 62 %");
  });
});

describe("priors from the contest file", () => {
  it("derive easy < medium < hard from the catalogue's rated problems, and label added ones by the nearest", () => {
    const contest = readContestRatings();
    expect(contest).toHaveLength(2569);
    const known = new Map([
      ["concatenation-of-array", "easy"],
      ["last-stone-weight", "easy"],
      ["koko-eating-bananas", "medium"],
      ["car-fleet", "medium"],
      ["swim-in-rising-water", "hard"],
    ]);
    const priors = difficultyPriors(known, contest);
    const [easy, medium, hard] = priors;
    expect(easy?.rating).toBe(Math.round((1132.7 + 1172.7) / 2));
    expect(medium?.count).toBe(2);
    expect(hard?.deviation).toBe(150);
    expect(nearestDifficulty(1200, priors)).toBe("easy");
    expect(nearestDifficulty(1750, priors)).toBe("medium");
    expect(nearestDifficulty(2600, priors)).toBe("hard");
  });
});

describe("blind mode", () => {
  const view = { slug: "x", difficulty: "hard", rating: 2100, topics: ["graphs"] };
  it("hides difficulty, rating and topics of an unattempted problem only when on", () => {
    expect(hideUnattempted(view, true, false)).toEqual({
      slug: "x",
      difficulty: null,
      rating: null,
      topics: [],
      hidden: true,
    });
    expect(hideUnattempted(view, true, true)).toEqual({ ...view, hidden: false });
    expect(hideUnattempted(view, false, false)).toEqual({ ...view, hidden: false });
  });
});
