// training_memory.db (the old memory_memory.db): practice sessions, learning gaps, training plans.
import { eq } from "drizzle-orm";
import { studyPlans, users, weaknessSnapshots } from "../../../database/schema.js";
import { defineTable, eachRow, skip } from "../pipeline.js";
import { imported, type LegacyKind } from "../types.js";
import { difficultyOf, jsonValue, legacyDate, num, str } from "../values.js";
import { attemptTable } from "./attempt-table.js";
import { severityOf } from "./platform.js";

export function outcomeOf(status: string | null): "solved" | "failed" | "gave_up" {
  const s = (status ?? "").toLowerCase();
  if (["solved", "completed", "complete", "success", "accepted", "done"].includes(s)) return "solved";
  if (["gave_up", "abandoned", "skipped"].includes(s)) return "gave_up";
  return "failed";
}

/** A score on 0–1, 0–10 or 0–100, as 0–100. */
export function percentScore(value: number): number {
  const scaled = value <= 1 ? value * 100 : value <= 10 ? value * 10 : value;
  return Math.max(0, Math.min(100, scaled));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const trainingKind: LegacyKind = {
  kind: "training",
  description: "practice sessions, learning gaps and training plans (training_memory.db / memory_memory.db)",
  recognisedBy: ["training_sessions", "learning_gaps", "training_plans"],
  tables: [
    attemptTable({
      table: "training_sessions",
      problem: (row) => ({ title: str(row.problem_name), difficulty: difficultyOf(row.difficulty) }),
      noProblem: "no problem name",
      attempt(row, m) {
        const tries = num(row.attempts);
        return {
          outcome: outcomeOf(str(row.status)),
          attemptedAt: legacyDate(row.created_at) ?? m.now,
          minutes: num(row.time_spent),
          notes: tries && tries > 1 ? `${tries} tries (imported)` : null,
        };
      },
    }),
    defineTable<undefined, { topicId: string }>({
      table: "learning_gaps",
      target: "weakness_snapshots",
      owner: { column: "user_id" },
      async map({ row }, m) {
        const topicId = await m.run.topicFor(m.tx, str(row.topic));
        return topicId ? { topicId } : skip(`topic "${str(row.topic)}" is not in the roadmap`);
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const score = percentScore(num(row.gap_score) ?? 0);
        const [created] = await m.tx
          .insert(weaknessSnapshots)
          .values({
            userId: userId as number,
            topicId: item.topicId,
            takenAt: legacyDate(row.created_at) ?? m.now,
            score,
            severity: severityOf(score),
            reason: `learning gap found by the old platform in ${str(row.topic)}`,
            metrics: { source: "legacy", recommendedProblems: jsonValue(row.recommended_problems) },
          })
          .returning({ id: weaknessSnapshots.id });
        return imported(key, "weakness_snapshots", created.id, userId);
      }),
    }),
    defineTable({
      table: "training_plans",
      target: "study_plans",
      owner: { column: "user_id" },
      map: ({ row }) => row,
      write: eachRow(async ({ key, userId, row }, m) => {
        const owner = userId as number;
        const [user] = await m.tx.select({ weeklyHours: users.weeklyHours }).from(users).where(eq(users.id, owner));
        const starts = legacyDate(row.created_at) ?? m.now;
        const days = Math.max(1, num(row.duration_days) ?? 28);
        const topicsValue = jsonValue(row.topics);
        const topicList = Array.isArray(topicsValue) ? topicsValue.map(String) : (str(row.topics)?.split(",") ?? []);
        let focusTopic: string | null = null;
        for (const t of topicList) focusTopic ??= await m.run.topicFor(m.tx, t.trim());
        const [created] = await m.tx
          .insert(studyPlans)
          .values({
            userId: owner,
            startsOn: isoDay(starts),
            endsOn: isoDay(new Date(starts.getTime() + (days - 1) * 86_400_000)),
            weeklyHours: user?.weeklyHours ?? 6,
            focusTopic,
            params: {
              source: "legacy",
              planType: str(row.plan_type),
              dailyTarget: num(row.daily_target),
              topics: topicList,
            },
            createdAt: starts,
          })
          .returning({ id: studyPlans.id });
        return imported(key, "study_plans", created.id, owner);
      }),
    }),
  ],
};
