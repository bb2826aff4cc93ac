// Review cards for problems whose history came from elsewhere (the old platform, LeetCode): each
// (user, problem) without a card gets one, scheduled by FSRS as if the latest imported attempt had been
// reviewed then (solved → Good, otherwise Again). A card that exists is left alone: from then on the
// schedule follows reviews done here.

import { sql } from "drizzle-orm";
import { createEmptyCard, fsrs, type Grade, generatorParameters, Rating } from "ts-fsrs";
import type { Queryable } from "../../config/database.js";
import { type BulkColumn, bulkInsert } from "../shared/bulk-insert.js";

export interface ImportedSolve {
  userId: number;
  problemId: number;
  at: Date;
  solved: boolean;
  attemptId: number;
}

const CARD_COLUMNS: BulkColumn[] = [
  { name: "user_id", type: "int4" },
  { name: "problem_id", type: "int4" },
  { name: "due", type: "timestamptz" },
  { name: "stability", type: "float8" },
  { name: "difficulty", type: "float8" },
  { name: "elapsed_days", type: "int4" },
  { name: "scheduled_days", type: "int4" },
  { name: "learning_steps", type: "int4" },
  { name: "reps", type: "int4" },
  { name: "lapses", type: "int4" },
  { name: "state", type: "int2" },
  { name: "last_review", type: "timestamptz" },
];

const LOG_COLUMNS: BulkColumn[] = [
  { name: "user_id", type: "int4" },
  { name: "card_id", type: "int4" },
  { name: "attempt_id", type: "int4" },
  { name: "rating", type: "int2" },
  { name: "state", type: "int2" },
  { name: "due", type: "timestamptz" },
  { name: "stability", type: "float8" },
  { name: "difficulty", type: "float8" },
  { name: "elapsed_days", type: "int4" },
  { name: "last_elapsed_days", type: "int4" },
  { name: "scheduled_days", type: "int4" },
  { name: "learning_steps", type: "int4" },
  { name: "reviewed_at", type: "timestamptz" },
];

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
  // one array per column (bulkInsert): Drizzle's multi-row VALUES built 12 parameters per card in
  // JavaScript, which was most of the time of importing 2,000 solved problems
  const inserted = (
    await bulkInsert<{ id: number; user_id: number; problem_id: number }>(
      db,
      "review_cards",
      CARD_COLUMNS,
      values.map(({ a, card }) => [
        a.userId,
        a.problemId,
        card.due,
        card.stability,
        card.difficulty,
        card.elapsed_days,
        card.scheduled_days,
        card.learning_steps,
        card.reps,
        card.lapses,
        card.state,
        a.at,
      ]),
      sql`on conflict do nothing returning id, user_id, problem_id`,
    )
  ).map((r) => ({ id: Number(r.id), userId: Number(r.user_id), problemId: Number(r.problem_id) }));
  if (inserted.length === 0) return 0;
  const byCard = new Map(values.map((v) => [`${v.a.userId}:${v.a.problemId}`, v]));
  await bulkInsert(
    db,
    "review_logs",
    LOG_COLUMNS,
    inserted.map((c) => {
      const v = byCard.get(`${c.userId}:${c.problemId}`);
      if (!v) throw new Error("inserted card without its source attempt");
      return [
        c.userId,
        c.id,
        v.a.attemptId,
        v.grade,
        v.log.state,
        v.log.due,
        v.log.stability,
        v.log.difficulty,
        v.log.elapsed_days,
        v.log.last_elapsed_days,
        v.log.scheduled_days,
        v.log.learning_steps,
        v.a.at,
      ];
    }),
  );
  return inserted.length;
}
