// `npm run bench -- adaptive`: synthetic learners with a known skill per topic practise 60 problems each,
// either by the recommender (the productive band) or in the roadmap's fixed order, on the real catalogue
// (roadmap problems and the rated contest problems) whose true difficulties are known to the simulation
// only. The learners' skill estimates and the problems' ratings are updated by the same code the server
// runs (rateAttempt, updateEstimate, bandOrder); the database path is covered by the integration tests.
//
// Reported: skill-estimate error after 10/30/60 attempts, calibration of the predicted success (Brier
// score and a reliability table) and the share of attempts solved, for both policies.

import { readRoadmap } from "../src/database/seed.js";
import {
  CONTEST_RATING_DEVIATION,
  difficultyPriors,
  nearestDifficulty,
  readContestRatings,
} from "../src/database/seed-ratings.js";
import { rateAttempt } from "../src/services/adaptive/attempt-ratings.js";
import { problemAfterFirstAttempt } from "../src/services/adaptive/problem-ratings.js";
import { bandOrder, type Estimate, NEW_LEARNER, successProbability } from "../src/services/adaptive/rating-math.js";
import { weakestTopics } from "../src/services/adaptive/recommendations.js";
import {
  GLOBAL_SKILL,
  type SkillEstimate,
  skillOnProblem,
  startingTopicEstimate,
} from "../src/services/adaptive/skill-estimates.js";
import { NORM_MINUTES } from "../src/services/training/fsrs-scheduling.js";
import { printTable } from "./lib.js";

const LEARNERS = Number(process.env.ADAPTIVE_LEARNERS ?? 200);
const ATTEMPTS = 60;
const CHECKPOINTS = [10, 30, 60];

/** Deterministic runs: mulberry32. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface SimProblem {
  slug: string;
  difficulty: string;
  topics: string[];
  /** the truth, hidden from the system */
  trueRating: number;
  /** what the system believes, refined by everyone's first attempts */
  estimate: Estimate;
  roadmapOrder: number;
}

interface Learner {
  trueTopic: Map<string, number>;
  trueGlobal: number;
  skills: Map<string, SkillEstimate>;
  attempted: Set<string>;
  solved: Set<string>;
  roadmapCursor: number;
}

function buildWorld(random: () => number) {
  const roadmap = readRoadmap();
  const contest = readContestRatings();
  const known = new Map(roadmap.problems.map((p) => [p.slug, p.difficulty.toLowerCase()]));
  const priors = difficultyPriors(known, contest);
  const contestBySlug = new Map(contest.map((c) => [c.slug, c.rating]));
  const topicPosition = new Map(roadmap.topics.map((t, i) => [t.id, i]));
  const problems = new Map<string, SimProblem>();
  const difficultyRank: Record<string, number> = { easy: 0, medium: 1, hard: 2 };
  for (const p of roadmap.problems) {
    const existing = problems.get(p.slug);
    if (existing) {
      existing.topics.push(p.topic);
      continue;
    }
    const difficulty = p.difficulty.toLowerCase();
    const contestRating = contestBySlug.get(p.slug);
    const prior = priors.find((x) => x.difficulty === difficulty) ?? { rating: 1600, deviation: 200 };
    // The contest rating is near the truth for this population; a prior is only the difficulty's spread.
    const trueRating =
      contestRating !== undefined
        ? contestRating + 60 * gaussian(random)
        : prior.rating + prior.deviation * gaussian(random);
    problems.set(p.slug, {
      slug: p.slug,
      difficulty,
      topics: [p.topic],
      trueRating,
      estimate:
        contestRating !== undefined
          ? { rating: contestRating, deviation: CONTEST_RATING_DEVIATION }
          : { rating: prior.rating, deviation: prior.deviation },
      roadmapOrder:
        (topicPosition.get(p.topic) ?? 0) * 10_000 + (difficultyRank[difficulty] ?? 1) * 5_000 + p.leetcodeId,
    });
  }
  for (const c of contest) {
    if (problems.has(c.slug)) continue;
    problems.set(c.slug, {
      slug: c.slug,
      difficulty: nearestDifficulty(c.rating, priors),
      topics: [],
      trueRating: c.rating + 60 * gaussian(random),
      estimate: { rating: c.rating, deviation: CONTEST_RATING_DEVIATION },
      roadmapOrder: Number.MAX_SAFE_INTEGER,
    });
  }
  return { problems: [...problems.values()], topicIds: roadmap.topics.map((t) => t.id) };
}

function newLearner(random: () => number, topicIds: string[]): Learner {
  const trueGlobal = 1550 + 200 * gaussian(random);
  const trueTopic = new Map(topicIds.map((t) => [t, trueGlobal + 150 * gaussian(random)]));
  return { trueTopic, trueGlobal, skills: new Map(), attempted: new Set(), solved: new Set(), roadmapCursor: 0 };
}

function trueSkillOn(learner: Learner, problem: SimProblem): number {
  if (problem.topics.length === 0) return learner.trueGlobal;
  return (
    problem.topics.reduce((sum, t) => sum + (learner.trueTopic.get(t) ?? learner.trueGlobal), 0) / problem.topics.length
  );
}

/** The server's ranking (recommendations.ts) with every topic unlocked and no focus topic. */
function recommend(learner: Learner, problems: SimProblem[]): SimProblem | undefined {
  const weakest = new Set(weakestTopics(learner.skills));
  const scored = problems
    .filter((p) => !learner.solved.has(p.slug))
    .map((problem) => ({
      problem,
      successProbability: successProbability(skillOnProblem(learner.skills, problem.topics), problem.estimate),
      priority: problem.topics.some((t) => weakest.has(t)) ? 3 : problem.topics.length > 0 ? 2 : 0,
    }));
  return bandOrder(scored)[0]?.problem;
}

function roadmapNext(learner: Learner, ordered: SimProblem[]): SimProblem | undefined {
  while (learner.roadmapCursor < ordered.length) {
    const next = ordered[learner.roadmapCursor++];
    if (next && !learner.solved.has(next.slug)) return next;
  }
  return undefined;
}

/** The rows lockSkills would create: the problem's topics (from the global skill) and the global one. */
function touchSkills(learner: Learner, topics: string[]): Map<string, SkillEstimate> {
  const global = learner.skills.get(GLOBAL_SKILL) ?? {
    topic: GLOBAL_SKILL,
    ...NEW_LEARNER,
    attempts: 0,
    updatedAt: null,
  };
  learner.skills.set(GLOBAL_SKILL, global);
  const touched = new Map<string, SkillEstimate>([[GLOBAL_SKILL, global]]);
  for (const t of topics) {
    const row = learner.skills.get(t) ?? { topic: t, ...startingTopicEstimate(global), attempts: 0, updatedAt: null };
    learner.skills.set(t, row);
    touched.set(t, row);
  }
  return touched;
}

interface Prediction {
  p: number;
  solved: boolean;
}

function simulate(policy: "adaptive" | "roadmap", seed: number) {
  const random = rng(seed);
  const { problems, topicIds } = buildWorld(random);
  const roadmapOrdered = problems.filter((p) => p.topics.length > 0).sort((a, b) => a.roadmapOrder - b.roadmapOrder);
  const learners = Array.from({ length: LEARNERS }, () => newLearner(random, topicIds));
  const predictions: Prediction[] = [];
  const errors = new Map<number, { global: number[]; topic: number[] }>();
  const solvedShare = new Map<number, number[]>();
  for (let step = 1; step <= ATTEMPTS; step++) {
    for (const learner of learners) {
      const problem = policy === "adaptive" ? recommend(learner, problems) : roadmapNext(learner, roadmapOrdered);
      if (!problem) continue;
      const skills = touchSkills(learner, problem.topics);
      const predicted = successProbability(skillOnProblem(learner.skills, problem.topics), problem.estimate);
      const pTrue = 1 / (1 + 10 ** (-(trueSkillOn(learner, problem) - problem.trueRating) / 400));
      const solved = random() < pTrue;
      const norm = NORM_MINUTES[problem.difficulty as keyof typeof NORM_MINUTES] ?? 35;
      // Easier-for-you problems go faster: between half and twice the norm.
      const minutes = solved
        ? Math.round(norm * Math.min(2, Math.max(0.5, 1.6 - pTrue + 0.25 * gaussian(random))))
        : norm;
      predictions.push({ p: predicted, solved });
      const first = !learner.attempted.has(problem.slug);
      const {
        learner: before,
        score,
        updated,
      } = rateAttempt(skills, problem, { outcome: solved ? "solved" : "failed", minutes, hintsUsed: 0 }, first);
      for (const s of updated) learner.skills.set(s.topic, s);
      if (first) problem.estimate = problemAfterFirstAttempt(problem.estimate, before, score);
      learner.attempted.add(problem.slug);
      if (solved) learner.solved.add(problem.slug);
      const shares = solvedShare.get(step) ?? [];
      shares.push(solved ? 1 : 0);
      solvedShare.set(step, shares);
    }
    if (CHECKPOINTS.includes(step)) {
      const global: number[] = [];
      const topic: number[] = [];
      for (const learner of learners) {
        const g = learner.skills.get(GLOBAL_SKILL);
        if (g) global.push(g.rating - learner.trueGlobal);
        for (const [t, s] of learner.skills)
          if (t !== GLOBAL_SKILL && s.attempts > 0) topic.push(s.rating - (learner.trueTopic.get(t) ?? 0));
      }
      errors.set(step, { global, topic });
    }
  }
  return { predictions, errors, solvedShare };
}

const rmse = (values: number[]) => Math.sqrt(values.reduce((a, v) => a + v * v, 0) / Math.max(1, values.length));
const mae = (values: number[]) => values.reduce((a, v) => a + Math.abs(v), 0) / Math.max(1, values.length);
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

function brier(predictions: Prediction[]): number {
  return predictions.reduce((a, x) => a + (x.p - (x.solved ? 1 : 0)) ** 2, 0) / Math.max(1, predictions.length);
}

export async function run(): Promise<void> {
  const seed = Number(process.env.ADAPTIVE_SEED ?? 16);
  const started = Date.now();
  const results = { adaptive: simulate("adaptive", seed), roadmap: simulate("roadmap", seed) };
  const errorRows: Record<string, unknown>[] = [];
  for (const [policy, r] of Object.entries(results))
    for (const step of CHECKPOINTS) {
      const e = r.errors.get(step);
      if (!e) continue;
      errorRows.push({
        policy,
        attempts: step,
        "global RMSE": round(rmse(e.global), 0),
        "global MAE": round(mae(e.global), 0),
        "global bias": round(e.global.reduce((x, v) => x + v, 0) / Math.max(1, e.global.length), 0),
        "practised-topic RMSE": round(rmse(e.topic), 0),
        "topic estimates": e.topic.length,
      });
    }
  printTable(
    `Skill-estimate error (rating points; ${LEARNERS} learners, true skill ~ N(1550, 200), topics ± 150)`,
    errorRows,
  );

  const shareRows: Record<string, unknown>[] = [];
  for (const [policy, r] of Object.entries(results)) {
    const range = (from: number, to: number) => {
      const values: number[] = [];
      for (let s = from; s <= to; s++) values.push(...(r.solvedShare.get(s) ?? []));
      return round(values.reduce((a, v) => a + v, 0) / Math.max(1, values.length));
    };
    const predicted = r.predictions.reduce((a, x) => a + x.p, 0) / Math.max(1, r.predictions.length);
    shareRows.push({
      policy,
      "solved 1-10": range(1, 10),
      "solved 11-30": range(11, 30),
      "solved 31-60": range(31, 60),
      "solved all": range(1, 60),
      "mean predicted": round(predicted),
      Brier: round(brier(r.predictions), 4),
      "Brier of base rate": round(range(1, 60) * (1 - range(1, 60)), 4),
    });
  }
  printTable("Share of attempts solved (aim 0.55-0.8 for the recommender) and calibration", shareRows);

  for (const [policy, r] of Object.entries(results)) {
    const bins = Array.from({ length: 10 }, (_, i) => ({ low: i / 10, n: 0, p: 0, solved: 0 }));
    for (const x of r.predictions) {
      const bin = bins[Math.min(9, Math.floor(x.p * 10))];
      if (!bin) continue;
      bin.n++;
      bin.p += x.p;
      bin.solved += x.solved ? 1 : 0;
    }
    printTable(
      `Reliability (${policy}): predicted vs observed success per bin`,
      bins
        .filter((b) => b.n > 0)
        .map((b) => ({
          bin: `${b.low.toFixed(1)}-${(b.low + 0.1).toFixed(1)}`,
          attempts: b.n,
          "mean predicted": round(b.p / b.n),
          observed: round(b.solved / b.n),
        })),
    );
  }
  console.log(`\n(seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
