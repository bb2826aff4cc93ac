// Logging an attempt, the write half (TrackingService.logAttempt validates, queues per learner and presents):
// the snapshot read, FSRS and the rating update computed on it, then the write — one statement without a
// transaction (attempt-statement.ts; under load both the read and the write go out in batches with other
// learners' attempts, attempt-batch.ts), or, when that finds its snapshot moved or the attempt has notes,
// the locking path in a transaction (attempt-write.ts, AttemptRatings.recordAttempt).
import type { Grade } from "ts-fsrs";
import type { Outcome } from "../../config/constants.js";
import type { Transaction } from "../../config/database.js";
import type { Attempt, ReviewCard } from "../../database/schema.js";
import { wantedSkills } from "../adaptive/skill-estimates.js";
import { ratingForAttempt, ratingFromName } from "../training/fsrs-scheduling.js";
import { AttemptBatches } from "./attempt-batch.js";
import { type AttemptValues, type PlannedReview, planReview, writeAttemptAndReview } from "./attempt-write.js";
import { attemptNoteSource, attemptSubject, syncNoteMemory } from "./practice-effects.js";
import type { LogAttemptInput, TrackingDeps } from "./tracking-service.js";

export class AttemptWriter {
  /** the snapshot reads and the one-statement writes, batched across learners under load (attempt-batch.ts) */
  readonly batches: AttemptBatches;

  constructor(private readonly deps: TrackingDeps) {
    this.batches = new AttemptBatches(deps.db);
  }

  /** The snapshot read, FSRS and the rating on it, and the write (one statement, or the transaction). */
  async write(userId: number, input: LogAttemptInput, now: Date, attemptedAt: Date) {
    // one read for the learner, the problem, its card and the rating inputs; FSRS and the rating run on
    // that snapshot before any lock
    const snapshot = await this.batches.reads.submit({ userId, slug: input.problem });
    const { learner } = snapshot;
    const problem = snapshot.problem ?? (await this.deps.catalog.resolve(this.deps.db, userId, input.problem));
    const rating = input.rating
      ? ratingFromName(input.rating)
      : ratingForAttempt(input.outcome, input.minutes, problem.difficulty);
    const planned = planReview(learner, problem.id, snapshot.card, rating, attemptedAt);
    const values: AttemptValues = {
      userId,
      problemId: problem.id,
      outcome: input.outcome,
      rating,
      minutes: input.minutes ?? null,
      language: input.language?.trim() || null,
      notes: input.notes ?? null,
      attemptedAt,
      source: input.source ?? "manual",
      createdAt: now,
    };
    const durationMs = input.minutes ? input.minutes * 60_000 : null;
    const written = await this.deps.training.serializeCardWrite(userId, problem.id, async () => {
      // The usual attempt: one statement, no transaction (attempt-statement.ts). It writes nothing when a
      // row it depends on moved since the snapshot; an attempt with notes also writes their memory. Both
      // take the transaction below.
      const ratings = this.deps.ratings;
      const one =
        ratings && snapshot.rating && !values.notes?.trim()
          ? await this.batches.writes.submit({
              values,
              plan: planned,
              snapshot,
              rating: ratings.planOnSnapshot(
                {
                  userId,
                  problemId: problem.id,
                  outcome: input.outcome,
                  minutes: values.minutes,
                  hintsUsed: input.hintsUsed,
                },
                snapshot.rating.problem,
                snapshot.rating.skills,
                now,
              ),
              wantedSkills: wantedSkills(snapshot.rating.problem.topics ?? []),
              now,
              durationMs,
            })
          : undefined;
      if (one) return { ...one, memoryIds: [] as number[] };
      return this.deps.db.transaction((tx) =>
        this.logInTransaction(tx, values, planned, learner, problem, { durationMs, hintsUsed: input.hintsUsed }),
      );
    });
    return { ...written, problem };
  }

  /**
   * The locking path: BEGIN, the attempt statement of attempt-write.ts, [the card locked and scheduled
   * again], [the note's memory], the rating update, COMMIT.
   */
  private async logInTransaction(
    tx: Transaction,
    values: AttemptValues,
    planned: PlannedReview,
    learner: { id: number; targetRetention: number },
    problem: { id: number; title: string },
    options: { durationMs: number | null; hintsUsed: number | undefined },
  ): Promise<{ attempt: Attempt; card: ReviewCard; planItemId: number | null; memoryIds: number[] }> {
    const { userId, attemptedAt } = values;
    const written = await writeAttemptAndReview(tx, values, planned, values.createdAt, options.durationMs, {
      lockForRating: this.deps.ratings !== undefined,
    });
    const inserted = written.attempt;
    // the card moved on since the snapshot: lock it, read it and schedule from the newer state
    const card =
      written.card ??
      (await this.deps.training.reviewInTransaction(tx, learner, problem, values.rating as Grade, attemptedAt, {
        attemptId: inserted.id,
        durationMs: options.durationMs ?? undefined,
      }));
    // the plan tick (made by the statement above), the note's memory and the rating update commit or
    // roll back with the attempt
    const memoryIds = inserted.notes?.trim()
      ? await syncNoteMemory(tx, {
          userId,
          source: attemptNoteSource(inserted.id),
          subject: attemptSubject(problem.title, attemptedAt, values.outcome as Outcome),
          body: inserted.notes,
          createdAt: values.createdAt,
        })
      : [];
    // The rows the statement locked for the rating are used only when its card part wrote: otherwise a
    // concurrent attempt of this card may have committed after the statement's snapshot (which its
    // `met_before` read), and the rating locks and reads again (the locks are already held: no wait).
    await this.deps.ratings?.recordAttempt(
      tx,
      {
        userId,
        problemId: problem.id,
        attemptId: inserted.id,
        outcome: values.outcome as Outcome,
        minutes: values.minutes,
        hintsUsed: options.hintsUsed,
      },
      written.card ? written.locked : undefined,
    );
    return { attempt: inserted, card, planItemId: written.planItemId, memoryIds };
  }
}
