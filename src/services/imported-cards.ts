// Review cards for problems whose history came from elsewhere (the old platform, LeetCode): each
// (user, problem) without a card gets one, scheduled by FSRS as if the latest imported attempt had been
// reviewed then (solved → Good, otherwise Again). A card that exists is left alone: from then on the
// schedule follows reviews done here.
import { createEmptyCard, fsrs, type Grade, generatorParameters, Rating } from "ts-fsrs";
import type { Queryable } from "../config/database.js";
import { reviewCards, reviewLogs } from "../database/schema.js";

export interface ImportedSolve {
  userId: number;
  problemId: number;
  at: Date;
  solved: boolean;
  attemptId: number;
}

const scheduler = fsrs(generatorParameters({ enable_short_term: false }));

export async function scheduleImportedCards(db: Queryable, solves: ImportedSolve[]): Promise<number> {
  const latest = new Map<string, ImportedSolve>();
  for (const a of solves) {
    const key = `${a.userId}:${a.problemId}`;
    const prev = latest.get(key);
    if (!prev || prev.at < a.at) latest.set(key, a);
  }
  if (latest.size === 0) return 0;
  const values = [...latest.values()].map((a) => {
    const grade: Grade = a.solved ? Rating.Good : Rating.Again;
    const { card, log } = scheduler.next(createEmptyCard(a.at), a.at, grade);
    return { a, card, log, grade };
  });
  const inserted = await db
    .insert(reviewCards)
    .values(
      values.map(({ a, card }) => ({
        userId: a.userId,
        problemId: a.problemId,
        due: card.due,
        stability: card.stability,
        difficulty: card.difficulty,
        elapsedDays: card.elapsed_days,
        scheduledDays: card.scheduled_days,
        learningSteps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        lastReview: a.at,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: reviewCards.id, userId: reviewCards.userId, problemId: reviewCards.problemId });
  if (inserted.length === 0) return 0;
  const byCard = new Map(values.map((v) => [`${v.a.userId}:${v.a.problemId}`, v]));
  await db.insert(reviewLogs).values(
    inserted.map((c) => {
      const v = byCard.get(`${c.userId}:${c.problemId}`);
      if (!v) throw new Error("inserted card without its source attempt");
      return {
        userId: c.userId,
        cardId: c.id,
        attemptId: v.a.attemptId,
        rating: v.grade,
        state: v.log.state,
        due: v.log.due,
        stability: v.log.stability,
        difficulty: v.log.difficulty,
        elapsedDays: v.log.elapsed_days,
        lastElapsedDays: v.log.last_elapsed_days,
        scheduledDays: v.log.scheduled_days,
        learningSteps: v.log.learning_steps,
        reviewedAt: v.a.at,
      };
    }),
  );
  return inserted.length;
}
