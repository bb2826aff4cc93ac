// Correcting the record: editing or deleting an attempt, and undoing the last rating of a review card.
// The review card is never patched by hand: it is rebuilt by replaying its remaining review log through
// FSRS (ts-fsrs), so after a correction the card is exactly what it would be had the history always been
// the corrected one. The plan tick and the note memory an attempt made go or change with it.
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Grade } from "ts-fsrs";
import type { Clock } from "../../config/clock.js";
import type { Outcome, RatingName } from "../../config/constants.js";
import type { Database, Queryable } from "../../config/database.js";
import { attempts, problems, type ReviewCard, reviewCards, reviewLogs } from "../../database/schema.js";
import { BadRequestError, NotFoundError } from "../../errors.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import { loadLearner } from "../shared/learner.js";
import {
  emptyCard,
  logRow,
  ratingForAttempt,
  ratingFromName,
  rowFromCard,
  schedulerFor,
} from "../training/fsrs-scheduling.js";
import type { TrainingService } from "../training/training-service.js";
import {
  attemptNoteSource,
  attemptSubject,
  type EmbedNoteMemories,
  removeNoteMemory,
  syncNoteMemory,
  untickAttemptItems,
} from "./practice-effects.js";

export interface AttemptEdit {
  outcome?: Outcome;
  minutes?: number | null;
  language?: string | null;
  notes?: string | null;
  rating?: RatingName;
  attemptedAt?: Date;
}

export interface CorrectionDeps {
  db: Database;
  clock: Clock;
  catalog: CatalogService;
  training: TrainingService;
  embedNotes?: EmbedNoteMemories;
}

/**
 * Rebuilds a card from its review log, oldest first, rewriting each log row's scheduling fields to the
 * replayed ones. With no review left the card is removed: the problem is new again. The caller holds the
 * card's row lock (or has just deleted a log row in the same transaction).
 */
export async function replayCard(
  tx: Queryable,
  targetRetention: number,
  cardId: number,
  now: Date,
): Promise<ReviewCard | null> {
  const logs = await tx
    .select({ id: reviewLogs.id, rating: reviewLogs.rating, reviewedAt: reviewLogs.reviewedAt })
    .from(reviewLogs)
    .where(eq(reviewLogs.cardId, cardId))
    .orderBy(asc(reviewLogs.reviewedAt), asc(reviewLogs.id));
  const graded = logs.filter((l) => l.rating >= 1 && l.rating <= 4);
  if (graded.length === 0) {
    await tx.delete(reviewCards).where(eq(reviewCards.id, cardId));
    return null;
  }
  const scheduler = schedulerFor(targetRetention);
  // the same rule as reviewInTransaction: a review is never applied before the card's last one
  let card = emptyCard(graded[0]?.reviewedAt ?? now);
  const replayed: SQL[] = [];
  for (const log of graded) {
    const at = card.last_review && card.last_review > log.reviewedAt ? card.last_review : log.reviewedAt;
    const next = scheduler.next(card, at, log.rating as Grade);
    const r = logRow(next.log);
    replayed.push(
      sql`(${log.id}::int, ${r.state}::smallint, ${r.due.toISOString()}::timestamptz, ${r.stability}::float8,
           ${r.difficulty}::float8, ${r.elapsedDays}::int, ${r.lastElapsedDays}::int, ${r.scheduledDays}::int,
           ${r.learningSteps}::int, ${r.reviewedAt.toISOString()}::timestamptz)`,
    );
    card = next.card;
  }
  // one statement for the whole log: a long history costs one round trip, not one per review
  await tx.execute(
    sql`update review_logs as l
           set state = v.state, due = v.due, stability = v.stability, difficulty = v.difficulty,
               elapsed_days = v.elapsed_days, last_elapsed_days = v.last_elapsed_days,
               scheduled_days = v.scheduled_days, learning_steps = v.learning_steps, reviewed_at = v.reviewed_at
          from (values ${sql.join(replayed, sql`, `)})
               as v(id, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days,
                    learning_steps, reviewed_at)
         where l.id = v.id`,
  );
  const [updated] = await tx
    .update(reviewCards)
    .set({ ...rowFromCard(card), updatedAt: now })
    .where(eq(reviewCards.id, cardId))
    .returning();
  return updated ?? null;
}

export class AttemptCorrections {
  constructor(private readonly deps: CorrectionDeps) {}

  /** Deletes one of the user's attempts, unticks its plan item, drops its note memory and replays its card. */
  async deleteAttempt(userId: number, id: number): Promise<{ card: ReviewCard | null }> {
    const attempt = await this.ownAttempt(userId, id);
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    return this.deps.training.serializeCardWrite(userId, attempt.problemId, () =>
      this.deps.db.transaction(async (tx) => {
        const cardId = await this.lockCard(tx, userId, attempt.problemId);
        await untickAttemptItems(tx, userId, id);
        await removeNoteMemory(tx, userId, attemptNoteSource(id));
        await tx.delete(reviewLogs).where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.attemptId, id)));
        await tx.delete(attempts).where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
        const card = cardId === null ? null : await replayCard(tx, learner.targetRetention, cardId, now);
        return { card };
      }),
    );
  }

  /**
   * Edits an attempt. A change of outcome, minutes, rating or date re-rates its review and replays the
   * card; a change of notes rewrites the note's memory.
   */
  async editAttempt(userId: number, id: number, edit: AttemptEdit): Promise<void> {
    const attempt = await this.ownAttempt(userId, id);
    const now = this.deps.clock.now();
    if (edit.attemptedAt && edit.attemptedAt.getTime() > now.getTime() + 5 * 60_000)
      throw new BadRequestError(`attemptedAt ${edit.attemptedAt.toISOString()} is in the future.`);
    const learner = await loadLearner(this.deps.db, userId);
    const [problem] = await this.deps.db
      .select({ title: problems.title, difficulty: problems.difficulty })
      .from(problems)
      .where(eq(problems.id, attempt.problemId));
    if (!problem) throw new NotFoundError(`No attempt ${id}.`);
    const outcome = edit.outcome ?? (attempt.outcome as Outcome);
    const minutes = edit.minutes === undefined ? attempt.minutes : edit.minutes;
    const attemptedAt = edit.attemptedAt ?? attempt.attemptedAt;
    const reRate =
      edit.rating !== undefined ||
      edit.outcome !== undefined ||
      edit.minutes !== undefined ||
      edit.attemptedAt !== undefined;
    // An explicit rating wins; otherwise a changed outcome or time re-derives it as logging would.
    const rating: number | null = edit.rating
      ? ratingFromName(edit.rating)
      : edit.outcome !== undefined || edit.minutes !== undefined
        ? ratingForAttempt(outcome, minutes, problem.difficulty)
        : attempt.rating;
    const notes = edit.notes === undefined ? attempt.notes : edit.notes;
    const memoryIds = await this.deps.training.serializeCardWrite(userId, attempt.problemId, () =>
      this.deps.db.transaction(async (tx) => {
        const cardId = await this.lockCard(tx, userId, attempt.problemId);
        await tx
          .update(attempts)
          .set({
            outcome,
            minutes,
            attemptedAt,
            rating,
            notes,
            language: edit.language === undefined ? attempt.language : edit.language?.trim() || null,
          })
          .where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
        if (reRate && cardId !== null && rating !== null) {
          const changed = await tx
            .update(reviewLogs)
            .set({ rating, reviewedAt: attemptedAt })
            .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.attemptId, id)))
            .returning({ id: reviewLogs.id });
          if (changed.length > 0) await replayCard(tx, learner.targetRetention, cardId, now);
        }
        if (edit.notes === undefined && edit.attemptedAt === undefined && edit.outcome === undefined) return [];
        return syncNoteMemory(tx, {
          userId,
          source: attemptNoteSource(id),
          subject: attemptSubject(problem.title, attemptedAt, outcome),
          body: notes,
          createdAt: now,
        });
      }),
    );
    if (memoryIds.length > 0) await this.deps.embedNotes?.(userId, memoryIds);
  }

  /**
   * Undoes the newest rating of the user's card for `slug`. A rating that came with an attempt takes the
   * attempt with it (the attempt was that rating). Returns what was undone, and the card after it.
   */
  async undoLastRating(
    userId: number,
    slug: string,
  ): Promise<{ undoneAttemptId: number | null; card: ReviewCard | null }> {
    const problem = await this.deps.catalog.resolve(this.deps.db, userId, slug);
    const [last] = await this.deps.db
      .select({ id: reviewLogs.id, attemptId: reviewLogs.attemptId })
      .from(reviewLogs)
      .innerJoin(reviewCards, eq(reviewCards.id, reviewLogs.cardId))
      .where(and(eq(reviewCards.userId, userId), eq(reviewCards.problemId, problem.id)))
      .orderBy(desc(reviewLogs.reviewedAt), desc(reviewLogs.id))
      .limit(1);
    if (!last) throw new NotFoundError(`"${slug}" has no rating to undo.`);
    if (last.attemptId !== null) {
      const { card } = await this.deleteAttempt(userId, last.attemptId);
      return { undoneAttemptId: last.attemptId, card };
    }
    const learner = await loadLearner(this.deps.db, userId);
    const now = this.deps.clock.now();
    const card = await this.deps.training.serializeCardWrite(userId, problem.id, () =>
      this.deps.db.transaction(async (tx) => {
        const cardId = await this.lockCard(tx, userId, problem.id);
        await tx.delete(reviewLogs).where(and(eq(reviewLogs.id, last.id), eq(reviewLogs.userId, userId)));
        return cardId === null ? null : replayCard(tx, learner.targetRetention, cardId, now);
      }),
    );
    return { undoneAttemptId: null, card };
  }

  private async ownAttempt(userId: number, id: number) {
    const [row] = await this.deps.db
      .select()
      .from(attempts)
      .where(and(eq(attempts.id, id), eq(attempts.userId, userId)));
    // another user's attempt is "not found", exactly like one that never existed
    if (!row) throw new NotFoundError(`No attempt ${id}.`);
    return row;
  }

  /** Locks the user's card for the problem until the transaction ends; null when there is none. */
  private async lockCard(tx: Queryable, userId: number, problemId: number): Promise<number | null> {
    const [row] = await tx
      .select({ id: reviewCards.id })
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), eq(reviewCards.problemId, problemId)))
      .for("update");
    return row?.id ?? null;
  }
}
