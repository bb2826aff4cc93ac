// Difficulty ratings of the catalogue, from the shipped LeetCode contest ratings (seed-data/ratings/, MIT,
// zerotrac/leetcode_problem_rating): each catalogue problem with a contest rating gets it, the rated contest
// problems the catalogue lacks are added, and every other shared problem starts from a prior for its
// difficulty. Online refinement from attempts lives in services/adaptive/problem-ratings.ts.
//
// Idempotent and cheap: one insert and two updates, each touching only rows whose rating is still unset,
// so a re-run (or a rating already refined by attempts) is left alone.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../config/database.js";

const RATINGS_FILE = fileURLToPath(new URL("./seed-data/ratings/leetcode-contest-ratings.tsv", import.meta.url));

/**
 * Uncertainty given to a contest rating. Its own standard error is small (thousands of contestants), but
 * people practising at home without a clock are a different population: 100 points leaves room for this
 * server's attempts to move it.
 */
export const CONTEST_RATING_DEVIATION = 100;
/** The spread of a difficulty's prior is at least this (the easy prior comes from a dozen problems). */
export const MIN_PRIOR_DEVIATION = 150;

export interface ContestRating {
  slug: string;
  title: string;
  leetcodeId: number;
  rating: number;
}

export interface DifficultyPrior {
  difficulty: string;
  rating: number;
  deviation: number;
  /** how many rated catalogue problems the prior was derived from */
  count: number;
}

export interface RatingSeedReport {
  /** rated contest problems added to the catalogue */
  contestProblems: number;
  /** catalogue problems given a rating (contest rating or prior) */
  ratedProblems: number;
}

export function readContestRatings(): ContestRating[] {
  const lines = readFileSync(RATINGS_FILE, "utf8").split("\n").slice(1);
  const ratings: ContestRating[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    // Rating, ID, Title, Title ZH, Title Slug, Contest Slug, Problem Index
    const [rating, id, title, , slug] = line.split("\t");
    const value = Number(rating);
    if (!slug || !title || !Number.isFinite(value)) continue;
    ratings.push({ slug, title, leetcodeId: Number(id), rating: Math.round(value * 10) / 10 });
  }
  return ratings;
}

/**
 * Mean and spread of the contest ratings of the problems whose difficulty the roadmap gives (47 of them):
 * the starting point of every problem without a contest rating.
 */
export function difficultyPriors(known: Map<string, string>, contest: ContestRating[]): DifficultyPrior[] {
  const byDifficulty = new Map<string, number[]>();
  for (const c of contest) {
    const difficulty = known.get(c.slug);
    if (difficulty) byDifficulty.set(difficulty, [...(byDifficulty.get(difficulty) ?? []), c.rating]);
  }
  return ["easy", "medium", "hard"].map((difficulty) => {
    const ratings = byDifficulty.get(difficulty) ?? [];
    if (ratings.length === 0) return { difficulty, rating: 1600, deviation: 350, count: 0 };
    const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
    const variance = ratings.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, ratings.length - 1);
    return {
      difficulty,
      rating: Math.round(mean),
      deviation: Math.round(Math.max(MIN_PRIOR_DEVIATION, Math.sqrt(variance))),
      count: ratings.length,
    };
  });
}

/** The label of a contest problem the catalogue lacks: the difficulty whose prior mean is nearest its rating. */
export function nearestDifficulty(rating: number, priors: DifficultyPrior[]): string {
  let best = priors[0];
  for (const p of priors) if (best && Math.abs(p.rating - rating) < Math.abs(best.rating - rating)) best = p;
  return best?.difficulty ?? "medium";
}

export async function seedProblemRatings(
  tx: Queryable,
  roadmapDifficulty: Map<string, string>,
): Promise<RatingSeedReport> {
  const contest = readContestRatings();
  const priors = difficultyPriors(roadmapDifficulty, contest);
  const slugs = contest.map((c) => c.slug);
  const added = await queryRows<{ id: number }>(
    tx,
    sql`insert into problems (slug, title, difficulty, leetcode_id, url, rating, rating_deviation, rating_source)
        select v.slug, v.title, v.difficulty, v.leetcode_id, 'https://leetcode.com/problems/' || v.slug || '/',
               v.rating, ${CONTEST_RATING_DEVIATION}, 'contest'
          from unnest(${toArray(slugs)}::text[], ${toArray(contest.map((c) => c.title))}::text[],
                      ${toArray(contest.map((c) => nearestDifficulty(c.rating, priors)))}::text[],
                      ${toArray(contest.map((c) => c.leetcodeId))}::int[], ${toArray(contest.map((c) => c.rating))}::float8[])
               as v(slug, title, difficulty, leetcode_id, rating)
        on conflict do nothing
        returning id`,
  );
  const fromContest = await queryRows<{ id: number }>(
    tx,
    sql`update problems p set rating = v.rating, rating_deviation = ${CONTEST_RATING_DEVIATION}, rating_source = 'contest'
          from unnest(${toArray(slugs)}::text[], ${toArray(contest.map((c) => c.rating))}::float8[]) as v(slug, rating)
         where p.slug = v.slug and p.owner_user_id is null and p.rating is null
        returning p.id`,
  );
  const fromPrior = await queryRows<{ id: number }>(
    tx,
    sql`update problems p set rating = v.rating, rating_deviation = v.deviation, rating_source = 'prior'
          from unnest(${toArray(priors.map((p) => p.difficulty))}::text[], ${toArray(priors.map((p) => p.rating))}::float8[],
                      ${toArray(priors.map((p) => p.deviation))}::float8[]) as v(difficulty, rating, deviation)
         where p.difficulty = v.difficulty and p.owner_user_id is null and p.rating is null
        returning p.id`,
  );
  return { contestProblems: added.length, ratedProblems: fromContest.length + fromPrior.length };
}

/** A Postgres array literal parameter (node-postgres and PGlite both take a JS array bound as one value). */
function toArray(values: (string | number)[]) {
  return sql.param(values);
}
