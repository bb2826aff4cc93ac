// The attempt write path's two halves that keep the review card's transaction short.
//
// Before the transaction, one query reads everything an attempt needs (the learner's retention, the
// problem, its current review card) and FSRS computes the card's next state from that snapshot, with no
// lock held. Inside the transaction, one upsert writes that state only if the card is still the one the
// snapshot saw (same reps, same updated_at; every review increments reps); otherwise it writes nothing and
// the caller falls back to locking the card and computing again (training-service reviewInTransaction).
// So the usual attempt costs three statements in its transaction, and a concurrent review of the same card
// is never lost.
import { and, eq, sql } from "drizzle-orm";
import type { Grade, RecordLogItem } from "ts-fsrs";
import type { Queryable } from "../config/database.js";
import { type Problem, problems, type ReviewCard, reviewCards, users } from "../database/schema.js";
import { NotFoundError } from "../errors.js";
import { visibleTo } from "./catalog-service.js";
import { cardFromRow, emptyCard, rowFromCard, schedulerFor } from "./fsrs-scheduling.js";

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
