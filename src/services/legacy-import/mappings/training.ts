// training_memory.db (the old memory_memory.db): practice sessions, learning gaps, training plans.
import { eq } from "drizzle-orm";
import { studyPlans, users, weaknessSnapshots } from "../../../database/schema.js";
import { ImportRun } from "../run.js";
import { imported, type LegacyKind, type RowOutcome, skipped } from "../types.js";
import { difficultyOf, jsonValue, legacyDate, num, str } from "../values.js";
import { type LegacyAttempt, writeAttempts } from "../writers.js";
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
    {
      table: "training_sessions",
      target: "attempts + review cards",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const attempts: LegacyAttempt[] = [];
        const refs = [];
        for (const row of rows)
          refs.push({
            userId: await m.run.resolveUser(m.tx, m.sourceDb, row.user_id),
            ref: { title: str(row.problem_name), difficulty: difficultyOf(row.difficulty) },
          });
        await m.run.prefetchProblems(m.tx, refs);
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const problemId = await m.run.problemFor(m.tx, userId, {
            title: str(row.problem_name),
            difficulty: difficultyOf(row.difficulty),
          });
          if (!problemId) {
            out.push(skipped(key, "no problem name"));
            continue;
          }
          const tries = num(row.attempts);
          attempts.push({
            key,
            userId,
            problemId,
            outcome: outcomeOf(str(row.status)),
            attemptedAt: legacyDate(row.created_at) ?? m.now,
            minutes: num(row.time_spent),
            notes: tries && tries > 1 ? `${tries} tries (imported)` : null,
          });
        }
        return [...out, ...(await writeAttempts(m, "training_sessions", attempts))];
      },
    },
    {
      table: "learning_gaps",
      target: "weakness_snapshots",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const topicId = await m.run.topicFor(m.tx, str(row.topic));
          if (!userId) out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
          else if (!topicId) out.push(skipped(key, `topic "${str(row.topic)}" is not in the roadmap`));
          else {
            const score = percentScore(num(row.gap_score) ?? 0);
            const [created] = await m.tx
              .insert(weaknessSnapshots)
              .values({
                userId,
                topicId,
                takenAt: legacyDate(row.created_at) ?? m.now,
                score,
                severity: severityOf(score),
                reason: `learning gap found by the old platform in ${str(row.topic)}`,
                metrics: { source: "legacy", recommendedProblems: jsonValue(row.recommended_problems) },
              })
              .returning({ id: weaknessSnapshots.id });
            out.push(imported(key, "weakness_snapshots", created.id, userId));
          }
        }
        return out;
      },
    },
    {
      table: "training_plans",
      target: "study_plans",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const [user] = await m.tx.select({ weeklyHours: users.weeklyHours }).from(users).where(eq(users.id, userId));
          const starts = legacyDate(row.created_at) ?? m.now;
          const days = Math.max(1, num(row.duration_days) ?? 28);
          const topicsValue = jsonValue(row.topics);
          const topicList = Array.isArray(topicsValue) ? topicsValue.map(String) : (str(row.topics)?.split(",") ?? []);
          let focusTopic: string | null = null;
          for (const t of topicList) focusTopic ??= await m.run.topicFor(m.tx, t.trim());
          const [created] = await m.tx
            .insert(studyPlans)
            .values({
              userId,
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
          out.push(imported(key, "study_plans", created.id, userId));
        }
        return out;
      },
    },
  ],
};
