// The attempt write path's two halves that keep the review card's transaction short.
//
// Before the transaction, one query reads everything an attempt needs (the learner's retention, the
// problem, its current review card) and FSRS computes the card's next state from that snapshot, with no
// lock held. Inside the transaction, one upsert writes that state only if the card is still the one the
// snapshot saw (same reps, same updated_at; every review increments reps); otherwise it writes nothing and
// the caller falls back to locking the card and computing again (training-service reviewInTransaction).
// So the usual attempt is one statement in its transaction (writeAttemptAndReview: the attempt, the card
// and the review log through data-modifying CTEs), and a concurrent review of the same card is never lost.
import { and, eq, sql } from "drizzle-orm";
import type { Grade, RecordLogItem } from "ts-fsrs";
import { type Queryable, queryRows } from "../config/database.js";
import { type Attempt, type Problem, problems, type ReviewCard, reviewCards, users } from "../database/schema.js";
import { NotFoundError } from "../errors.js";
import { visibleTo } from "./catalog-service.js";
import { cardFromRow, emptyCard, logRow, rowFromCard, schedulerFor } from "./fsrs-scheduling.js";

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

/**
 * The attempt row, the planned card state and its review log in ONE statement (data-modifying CTEs), so
 * the transaction is BEGIN, this, COMMIT. The card part writes only if the card is unchanged since the
 * snapshot (see applyPlannedReview); when it is not, the attempt is still inserted, `card` is undefined
 * and no log row is written: the caller then reviews the card the locking way in the same transaction.
 */
export async function writeAttemptAndReview(
  tx: Queryable,
  values: AttemptValues,
  plan: PlannedReview,
  now: Date,
  durationMs: number | null,
): Promise<{ attempt: Attempt; card: ReviewCard | undefined }> {
  const c = rowFromCard(plan.next.card);
  const l = logRow(plan.next.log);
  const unchanged = plan.basis
    ? sql`review_cards.reps = ${plan.basis.reps} and review_cards.updated_at = ${iso(plan.basis.updatedAt)}::timestamptz`
    : sql`false`;
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
        )
        select a.id as a_id, a.external_id as a_external_id, a.attempted_at as a_attempted_at,
               a.created_at as a_created_at, c.*
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
  if (row.id === null || row.id === undefined) return { attempt, card: undefined };
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
  return { attempt, card };
}
