// The attempt write path's two halves that keep the review card's transaction short.
//
// Before the transaction, one query reads everything an attempt needs (the learner's retention, the
// problem, its current review card) and FSRS computes the card's next state from that snapshot, with no
// lock held. Inside the transaction, one upsert writes that state only if the card is still the one the
// snapshot saw (same reps, same updated_at; every review increments reps); otherwise it writes nothing and
// the caller falls back to locking the card and computing again (training-service reviewInTransaction).
// This is the locking path of an attempt: one statement in its transaction (writeAttemptAndReview: the
// attempt, the card, the review log and the plan tick through data-modifying CTEs, plus the locking read
// of the rows the rating update needs), then the rating update, and a concurrent review of the same card
// is never lost. The usual attempt takes it only when attempt-statement.ts (everything in one statement,
// no transaction) found its snapshot moved, or when it has notes.
import { and, eq, sql } from "drizzle-orm";
import type { Grade, RecordLogItem } from "ts-fsrs";
import { type Queryable, queryRows } from "../../config/database.js";
import { type Attempt, type Problem, problems, type ReviewCard, reviewCards, users } from "../../database/schema.js";
import { NotFoundError } from "../../errors.js";
import type { LockedProblemRow } from "../adaptive/problem-ratings.js";
import { GLOBAL_SKILL, SKILL_LOCK_ORDER, type SkillRow } from "../adaptive/skill-estimates.js";
import { visibleTo } from "../catalog/catalog-service.js";
import { cardFromRow, emptyCard, logRow, rowFromCard, schedulerFor } from "../training/fsrs-scheduling.js";

export interface AttemptTarget {
  learner: { id: number; targetRetention: number };
  /** undefined when no problem with this slug is visible to the user */
  problem: Problem | undefined;
  /** the user's card for the problem as last committed, if any */
  card: ReviewCard | undefined;
}

/** One round trip: the learner, the problem by slug (catalogue or the user's own) and its card. */
export async function loadAttemptTarget(db: Queryable, userId: number, slug: string): Promise<AttemptTarget> {
  const [row] = await db
    .select({
      learner: { id: users.id, targetRetention: users.targetRetention },
      problem: problems,
      card: reviewCards,
    })
    .from(users)
    .leftJoin(problems, and(eq(problems.slug, slug), visibleTo(userId)))
    .leftJoin(reviewCards, and(eq(reviewCards.userId, users.id), eq(reviewCards.problemId, problems.id)))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new NotFoundError(`No user with id ${userId}.`);
  return { learner: row.learner, problem: row.problem ?? undefined, card: row.card ?? undefined };
}

export interface PlannedReview {
  userId: number;
  problemId: number;
  /** the card the plan was computed from (undefined: no card yet) */
  basis: ReviewCard | undefined;
  next: RecordLogItem;
}

/** FSRS on the snapshot, outside any transaction. A review never goes back before the card's last one. */
export function planReview(
  learner: { id: number; targetRetention: number },
  problemId: number,
  basis: ReviewCard | undefined,
  rating: Grade,
  reviewedAt: Date,
): PlannedReview {
  const card = basis ? cardFromRow(basis) : emptyCard(reviewedAt);
  const at = card.last_review && card.last_review > reviewedAt ? card.last_review : reviewedAt;
  return {
    userId: learner.id,
    problemId,
    basis,
    next: schedulerFor(learner.targetRetention).next(card, at, rating),
  };
}

/**
 * Writes the planned card state in one statement if the card is unchanged since the snapshot (or, with
 * no snapshot card, if it still does not exist); returns the stored row, or undefined when the card moved
 * on meanwhile (nothing was written). The row stays locked until the transaction ends, as before.
 */
export async function applyPlannedReview(
  tx: Queryable,
  plan: PlannedReview,
  now: Date,
): Promise<ReviewCard | undefined> {
  const state = rowFromCard(plan.next.card);
  const unchanged = plan.basis
    ? and(eq(reviewCards.reps, plan.basis.reps), eq(reviewCards.updatedAt, plan.basis.updatedAt))
    : sql`false`;
  const [row] = await tx
    .insert(reviewCards)
    .values({ userId: plan.userId, problemId: plan.problemId, ...state, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [reviewCards.userId, reviewCards.problemId],
      set: { ...state, updatedAt: now },
      setWhere: unchanged,
    })
    .returning();
  return row;
}

export interface AttemptValues {
  userId: number;
  problemId: number;
  outcome: string;
  rating: number;
  minutes: number | null;
  language: string | null;
  notes: string | null;
  attemptedAt: Date;
  source: string;
  createdAt: Date;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
// drizzle hands raw timestamps back as strings on node-postgres and as Dates on PGlite
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const asOptionalDate = (v: unknown) => (v === null || v === undefined ? null : asDate(v));

/** What the attempt's statement read and locked for the rating update (AttemptRatings.recordAttempt). */
export interface LockedForRating {
  problem: LockedProblemRow;
  skills: SkillRow[];
}

/**
 * The attempt row, the planned card state, its review log and the plan tick in ONE statement
 * (data-modifying CTEs), so the transaction is BEGIN, this, [the rating update], COMMIT. The card part
 * writes only if the card is unchanged since the snapshot (see applyPlannedReview); when it is not, the
 * attempt is still inserted, `card` is undefined and no log row is written: the caller then reviews the
 * card the locking way in the same transaction.
 *
 * The plan tick (practice-effects.ts tickPlannedProblem, same rules) marks the earliest open item for
 * this problem in the user's newest plan, unless the attempt predates that plan.
 *
 * With `lockForRating`, the same statement then locks the problem row (FOR NO KEY UPDATE) and the
 * learner's skill rows for its topics (FOR UPDATE) and returns them, in the order
 * AttemptRatings takes them itself: card first (the upsert locks it even when it writes nothing), then the
 * problem (its scan waits for the card part through the one-time filter), then the skills (their topic
 * list comes from the locked problem; `global` first, SKILL_LOCK_ORDER). `met_before` does not see the attempt inserted by this statement.
 */
export async function writeAttemptAndReview(
  tx: Queryable,
  values: AttemptValues,
  plan: PlannedReview,
  now: Date,
  durationMs: number | null,
  options: { lockForRating?: boolean } = {},
): Promise<{
  attempt: Attempt;
  card: ReviewCard | undefined;
  planItemId: number | null;
  locked: LockedForRating | undefined;
}> {
  const c = rowFromCard(plan.next.card);
  const l = logRow(plan.next.log);
  const unchanged = plan.basis
    ? sql`review_cards.reps = ${plan.basis.reps} and review_cards.updated_at = ${iso(plan.basis.updatedAt)}::timestamptz`
    : sql`false`;
  const rating = options.lockForRating
    ? sql`, rated as (
          select p.id, p.slug, p.title, p.difficulty, p.rating, p.rating_deviation,
                 coalesce((select array_agg(pt.topic_id order by pt.topic_id) from problem_topics pt
                            where pt.problem_id = p.id), '{}') as topics,
                 exists (select 1 from attempts a where a.user_id = ${values.userId}
                            and a.problem_id = p.id) as met_before
            from problems p
           where p.id = ${values.problemId} and (select count(*) from card) >= 0
             for no key update of p
        ), skills as (
          select topic, rating, deviation, attempts, updated_at::text as updated_at from skill_estimates
           where user_id = ${values.userId}
             and topic = any(array[${GLOBAL_SKILL}]::text[] || (select topics from rated))
           order by ${SKILL_LOCK_ORDER}
             for update
        )`
    : sql``;
  const ratingColumns = options.lockForRating
    ? sql`, (select row_to_json(rated) from rated) as rated_problem,
            (select coalesce(json_agg(skills order by skills.topic), '[]'::json) from skills) as rated_skills`
    : sql``;
  const [row] = await queryRows<Record<string, unknown>>(
    tx,
    sql`with attempt as (
          insert into attempts (user_id, problem_id, outcome, rating, minutes, language, notes, attempted_at, source, created_at)
          values (${values.userId}, ${values.problemId}, ${values.outcome}, ${values.rating}, ${values.minutes},
                  ${values.language}, ${values.notes}, ${iso(values.attemptedAt)}::timestamptz, ${values.source},
                  ${iso(values.createdAt)}::timestamptz)
          returning *
        ), card as (
          insert into review_cards (user_id, problem_id, due, stability, difficulty, elapsed_days, scheduled_days,
                                    learning_steps, reps, lapses, state, last_review, created_at, updated_at)
          values (${plan.userId}, ${plan.problemId}, ${iso(c.due)}::timestamptz, ${c.stability}, ${c.difficulty},
                  ${c.elapsedDays}, ${c.scheduledDays}, ${c.learningSteps}, ${c.reps}, ${c.lapses}, ${c.state},
                  ${iso(c.lastReview)}::timestamptz, ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)
          on conflict (user_id, problem_id) do update set
            due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
            elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days,
            learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
            state = excluded.state, last_review = excluded.last_review, updated_at = excluded.updated_at
          where ${unchanged}
          returning *
        ), log as (
          insert into review_logs (user_id, card_id, attempt_id, rating, state, due, stability, difficulty,
                                   elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms)
          select ${plan.userId}, card.id, attempt.id, ${l.rating}, ${l.state}, ${iso(l.due)}::timestamptz,
                 ${l.stability}, ${l.difficulty}, ${l.elapsedDays}, ${l.lastElapsedDays}, ${l.scheduledDays},
                 ${l.learningSteps}, ${iso(l.reviewedAt)}::timestamptz, ${durationMs}
            from card, attempt
        ), plan as (
          select id, created_at from study_plans where user_id = ${values.userId}
           order by created_at desc, id desc limit 1
        ), item as (
          select pi.id from plan_items pi, plan
           where pi.plan_id = plan.id and pi.user_id = ${values.userId} and pi.problem_id = ${values.problemId}
             and pi.done_at is null and ${iso(values.attemptedAt)}::timestamptz >= plan.created_at
           order by pi.week, pi.id limit 1
        ), tick as (
          update plan_items set done_at = ${iso(now)}::timestamptz, done_attempt_id = attempt.id
            from item, attempt
           where plan_items.id = item.id and plan_items.done_at is null
          returning plan_items.id
        )${rating}
        select a.id as a_id, a.external_id as a_external_id, a.attempted_at as a_attempted_at,
               a.created_at as a_created_at, (select tick.id from tick) as plan_item_id${ratingColumns}, c.*
          from attempt a left join card c on true`,
  );
  if (!row) throw new Error("attempt insert returned no row");
  const attempt: Attempt = {
    ...values,
    id: Number(row.a_id),
    externalId: (row.a_external_id as string | null) ?? null,
    attemptedAt: asDate(row.a_attempted_at),
    createdAt: asDate(row.a_created_at),
  };
  const planItemId = row.plan_item_id === null || row.plan_item_id === undefined ? null : Number(row.plan_item_id);
  const locked = options.lockForRating ? lockedFrom(row.rated_problem, row.rated_skills) : undefined;
  if (row.id === null || row.id === undefined) return { attempt, card: undefined, planItemId, locked };
  const card: ReviewCard = {
    id: Number(row.id),
    userId: Number(row.user_id),
    problemId: Number(row.problem_id),
    due: asDate(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: Number(row.elapsed_days),
    scheduledDays: Number(row.scheduled_days),
    learningSteps: Number(row.learning_steps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state),
    lastReview: asOptionalDate(row.last_review),
    suspended: Boolean(row.suspended),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
  return { attempt, card, planItemId, locked };
}

// json columns arrive parsed from node-postgres and PGlite alike; text is parsed here just in case
const fromJson = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

function lockedFrom(problem: unknown, skills: unknown): LockedForRating | undefined {
  const p = fromJson(problem) as LockedProblemRow | null;
  if (!p) return undefined;
  return { problem: p, skills: (fromJson(skills) as SkillRow[] | null) ?? [] };
}
