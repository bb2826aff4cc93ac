// Each problem's difficulty rating and its uncertainty: where it starts (the contest rating, or the prior
// of its difficulty — both seeded by database/seed-ratings.ts) and how the first attempts of everyone on
// this server refine it.
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../config/database.js";
import { readRoadmap } from "../../database/seed.js";
import { type DifficultyPrior, difficultyPriors, readContestRatings } from "../../database/seed-ratings.js";
import { type Estimate, MIN_PROBLEM_DEVIATION, updateEstimate } from "./rating-math.js";

export interface RatedProblem {
  /** true when the learner had attempted it before (lockProblem with a learner) */
  metBefore?: boolean;
  id: number;
  slug: string;
  title: string;
  difficulty: string;
  topics: string[];
  estimate: Estimate;
}

/** The priors per difficulty, derived once from the shipped files (the same numbers the seed used). */
export class DifficultyPriors {
  private cached: DifficultyPrior[] | undefined;

  all(): DifficultyPrior[] {
    if (!this.cached) {
      const roadmap = readRoadmap();
      this.cached = difficultyPriors(
        new Map(roadmap.problems.map((p) => [p.slug, p.difficulty.toLowerCase()])),
        readContestRatings(),
      );
    }
    return this.cached;
  }

  /** A problem's rating, or its difficulty's prior when it has none yet (a custom or newly synced problem). */
  estimate(difficulty: string, rating: number | null, deviation: number | null): Estimate {
    if (rating !== null && deviation !== null) return { rating, deviation };
    const prior = this.all().find((p) => p.difficulty === difficulty) ?? this.all()[1];
    return { rating: prior?.rating ?? 1600, deviation: prior?.deviation ?? 350 };
  }
}

/**
 * Locks one problem's rating row for this transaction (first attempts of many users serialize on it) and
 * reads its topics and whether `learner` attempted it before `attemptId`, in one round trip. The caller
 * already holds the learner's review-card lock for this problem, so the learner's earlier attempts are
 * committed and visible to this statement.
 */
export async function lockProblem(
  tx: Queryable,
  problemId: number,
  priors: DifficultyPriors,
  learner?: { userId: number; attemptId: number },
): Promise<RatedProblem> {
  const [row] = await queryRows<LockedProblemRow>(
    tx,
    // NO KEY UPDATE, not UPDATE: the attempt insert already holds a KEY SHARE lock on this row (its foreign
    // key), and FOR UPDATE would deadlock two users' concurrent first attempts against each other's.
    sql`select p.id, p.slug, p.title, p.difficulty, p.rating, p.rating_deviation,
               coalesce((select array_agg(pt.topic_id order by pt.topic_id) from problem_topics pt
                          where pt.problem_id = p.id), '{}') as topics,
               exists (select 1 from attempts a where a.user_id = ${learner?.userId ?? -1}
                          and a.problem_id = p.id and a.id <> ${learner?.attemptId ?? -1}) as met_before
          from problems p where p.id = ${problemId} for no key update of p`,
  );
  if (!row) throw new Error(`problem ${problemId} vanished while rating an attempt`);
  return ratedProblemFromRow(row, priors);
}

/** The columns lockProblem reads (the attempt write's statement reads the same, see attempt-write.ts). */
export interface LockedProblemRow {
  id: number;
  slug: string;
  title: string;
  difficulty: string;
  rating: number | null;
  rating_deviation: number | null;
  topics: string[] | null;
  met_before: boolean;
}

export function ratedProblemFromRow(row: LockedProblemRow, priors: DifficultyPriors): RatedProblem {
  return {
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    difficulty: row.difficulty,
    topics: row.topics ?? [],
    estimate: priors.estimate(
      row.difficulty,
      row.rating === null ? null : Number(row.rating),
      row.rating_deviation === null ? null : Number(row.rating_deviation),
    ),
    metBefore: row.met_before,
  };
}

/**
 * A learner whose skill on the problem is less certain than this is still provisional: their attempts do
 * not move problem ratings. Without this, every new learner (starting at 1500 whatever their real level)
 * drags the ratings of the problems they meet towards their own wrong start, and the whole scale drifts
 * away from the contest scale it was seeded on (the simulation showed a lasting −55 point bias).
 */
export const PROVISIONAL_DEVIATION = 200;

/** The problem's rating after a learner's first attempt, or unchanged while the learner is provisional. */
export function problemAfterFirstAttempt(problem: Estimate, learner: Estimate, learnerScore: number): Estimate {
  if (learner.deviation > PROVISIONAL_DEVIATION) return problem;
  return updateEstimate(problem, learner, 1 - learnerScore, { minDeviation: MIN_PROBLEM_DEVIATION });
}

/**
 * Refines a problem's rating from one learner's first attempt: the problem "wins" what the learner lost,
 * against the learner's skill on it. Later attempts by the same learner say more about their memory than
 * about the problem, so they never move it.
 */
export async function rateProblemFromFirstAttempt(
  tx: Queryable,
  problem: RatedProblem,
  learner: Estimate,
  learnerScore: number,
): Promise<Estimate> {
  if (learner.deviation > PROVISIONAL_DEVIATION) return problem.estimate;
  const next = problemAfterFirstAttempt(problem.estimate, learner, learnerScore);
  await tx.execute(
    sql`update problems set rating = ${next.rating}, rating_deviation = ${next.deviation},
               rating_source = coalesce(rating_source, 'prior'), rated_attempts = rated_attempts + 1
         where id = ${problem.id}`,
  );
  return next;
}
