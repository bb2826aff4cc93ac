// The rating update every logged attempt makes, inside the attempt's own transaction: the learner's skill on
// the problem's topics and overall, and — on the learner's first attempt of it — the problem's rating.
// Locks: the problem row first, then the learner's skill rows (global first, then by topic), so concurrent attempts
// serialize per problem and per learner and never deadlock.
import { sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import type { Outcome } from "../../config/constants.js";
import { type Queryable, queryRows } from "../../config/database.js";
import { NORM_MINUTES } from "../training/fsrs-scheduling.js";
import {
  type DifficultyPriors,
  type LockedProblemRow,
  lockProblem,
  PROVISIONAL_DEVIATION,
  problemAfterFirstAttempt,
  type RatedProblem,
  ratedProblemFromRow,
  rateProblemFromFirstAttempt,
} from "./problem-ratings.js";
import { attemptScore, type Estimate, MIN_LEARNER_DEVIATION, updateEstimate } from "./rating-math.js";
import {
  lockSkills,
  PATTERN_SKILL,
  type SkillEstimate,
  type SkillRow,
  saveSkills,
  skillOnProblem,
  skillsAsCreated,
} from "./skill-estimates.js";

/** A repeat of a problem the learner has met before is weaker evidence of skill than a first meeting. */
export const REPEAT_WEIGHT = 0.5;

export interface RatedAttempt {
  userId: number;
  problemId: number;
  /** the attempt just inserted (excluded when asking whether this is the learner's first) */
  attemptId: number;
  outcome: Outcome;
  minutes: number | null;
  hintsUsed?: number;
  /** false for attempts that are not a fair sample of outcomes (synced history holds only solves) */
  rateProblem?: boolean;
}

export interface AttemptRatingResult {
  firstAttempt: boolean;
  score: number;
  problem: Estimate;
  skills: { topic: string; rating: number; deviation: number }[];
}

/**
 * The pure part of an attempt's update (the benchmark's simulated learners run exactly this): the score,
 * the learner's skill on the problem before it, and every touched skill after it.
 */
export function rateAttempt(
  skills: Map<string, SkillEstimate>,
  problem: Pick<RatedProblem, "difficulty" | "topics" | "estimate">,
  attempt: Pick<RatedAttempt, "outcome" | "minutes" | "hintsUsed">,
  firstAttempt: boolean,
): { learner: Estimate; score: number; updated: SkillEstimate[] } {
  const learner = skillOnProblem(skills, problem.topics);
  const score = attemptScore({
    outcome: attempt.outcome,
    minutes: attempt.minutes,
    normMinutes: NORM_MINUTES[problem.difficulty as keyof typeof NORM_MINUTES] ?? NORM_MINUTES.medium,
    hintsUsed: attempt.hintsUsed ?? 0,
  });
  const weight = firstAttempt ? 1 : REPEAT_WEIGHT;
  const updated = [...skills.values()].map((s) => ({
    ...s,
    ...updateEstimate(s, problem.estimate, score, { weight, minDeviation: MIN_LEARNER_DEVIATION }),
    attempts: s.attempts + 1,
  }));
  return { learner, score, updated };
}

/**
 * The rating update of one attempt computed from unlocked snapshot rows (what recordAttempt would write if
 * the rows are still these when it runs): every touched skill after it, which of them must be created, and
 * the problem's new rating when this first attempt moves it (undefined: the problem row is not written).
 */
export interface PlannedRating {
  skills: SkillEstimate[];
  /** topics of `skills` that have no row yet, global first (the insert order) */
  missing: string[];
  problem: Estimate | undefined;
}

export class AttemptRatings {
  constructor(private readonly deps: { clock: Clock; priors: DifficultyPriors }) {}

  /**
   * `locked`: the problem row and the learner's skill rows, already locked in that order by the caller's
   * own statement (the attempt write reads them in the statement that inserts the attempt, saving a round
   * trip); without it they are locked here.
   */
  async recordAttempt(
    tx: Queryable,
    attempt: RatedAttempt,
    locked?: { problem: LockedProblemRow; skills: SkillRow[] },
  ): Promise<AttemptRatingResult> {
    const now = this.deps.clock.now();
    const problem = locked
      ? ratedProblemFromRow(locked.problem, this.deps.priors)
      : await lockProblem(tx, attempt.problemId, this.deps.priors, attempt);
    const firstAttempt = !problem.metBefore;
    const skills = await lockSkills(tx, attempt.userId, problem.topics, now, locked?.skills);
    const { learner, score, updated } = rateAttempt(skills, problem, attempt, firstAttempt);
    await saveSkills(tx, attempt.userId, updated, now);
    const problemAfter =
      firstAttempt && attempt.rateProblem !== false
        ? await rateProblemFromFirstAttempt(tx, problem, learner, score)
        : problem.estimate;
    return {
      firstAttempt,
      score,
      problem: problemAfter,
      skills: updated.map((s) => ({ topic: s.topic, rating: s.rating, deviation: s.deviation })),
    };
  }

  /**
   * recordAttempt's arithmetic on a snapshot, without a lock or a write: the attempt's one-statement write
   * (tracking/attempt-statement.ts) stores the result only if the problem and skill rows are unchanged
   * when it locks them, and otherwise falls back to recordAttempt inside a transaction.
   */
  planOnSnapshot(
    attempt: Omit<RatedAttempt, "attemptId">,
    problemRow: LockedProblemRow,
    skillRows: SkillRow[],
    now: Date,
  ): PlannedRating {
    const problem = ratedProblemFromRow(problemRow, this.deps.priors);
    const firstAttempt = !problem.metBefore;
    const { skills, missing } = skillsAsCreated(skillRows, problem.topics, now);
    const { learner, score, updated } = rateAttempt(skills, problem, attempt, firstAttempt);
    const ratesProblem = firstAttempt && attempt.rateProblem !== false && learner.deviation <= PROVISIONAL_DEVIATION;
    return {
      skills: updated,
      missing,
      problem: ratesProblem ? problemAfterFirstAttempt(problem.estimate, learner, score) : undefined,
    };
  }

  /**
   * Scores naming a problem's pattern before coding (blind interviews): a right answer is a win against a
   * question as hard as its difficulty's prior, a wrong one a loss.
   */
  async recordPatternGuess(tx: Queryable, userId: number, difficulty: string, matched: boolean): Promise<void> {
    const now = this.deps.clock.now();
    await tx.execute(
      sql`insert into skill_estimates (user_id, topic, rating, deviation, updated_at)
          values (${userId}, ${PATTERN_SKILL}, 1500, 350, ${now.toISOString()}) on conflict do nothing`,
    );
    const [row] = await queryRows<{ rating: number; deviation: number; attempts: number }>(
      tx,
      sql`select rating, deviation, attempts from skill_estimates
           where user_id = ${userId} and topic = ${PATTERN_SKILL} for update`,
    );
    if (!row) return;
    const opponent = this.deps.priors.estimate(difficulty, null, null);
    const next = updateEstimate(row, opponent, matched ? 1 : 0, { minDeviation: MIN_LEARNER_DEVIATION });
    await saveSkills(tx, userId, [{ topic: PATTERN_SKILL, ...next, attempts: row.attempts + 1, updatedAt: now }], now);
  }
}
