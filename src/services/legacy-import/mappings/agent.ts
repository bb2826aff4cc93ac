// maang_agent_memory.db: the mentor's conversation history and what it learned about the user.
import { eq, sql } from "drizzle-orm";
import { importRecords, planItems, studyPlans, users, weaknessSnapshots } from "../../../database/schema.js";
import { defineTable, eachRow, skip } from "../pipeline.js";
import { ImportRun } from "../run.js";
import { imported, type LegacyKind } from "../types.js";
import { jsonValue, legacyDate, num, str, truthy } from "../values.js";
import { writeMemories } from "../writers.js";
import { attemptTable } from "./attempt-table.js";
import { conversationHistory } from "./conversations.js";
import { severityOf } from "./platform.js";

const list = (value: unknown) => {
  const parsed = jsonValue(value as never);
  return Array.isArray(parsed) ? parsed.join("; ") : typeof parsed === "string" ? parsed : null;
};

export const agentKind: LegacyKind = {
  kind: "agent",
  description: "the mentor's conversation history, learning path and mastery (maang_agent_memory.db)",
  recognisedBy: ["conversation_history", "learning_path", "problem_mastery"],
  tables: [
    conversationHistory,
    defineTable({
      table: "learning_path",
      target: "study_plans + plan_items (one plan per user, one item per week)",
      owner: { column: "user_id" },
      map: ({ row }) => row,
      write: eachRow(async ({ key, userId, row }, m) => {
        const owner = userId as number;
        const planKey = String(owner);
        const existing = await ImportRun.targetOf(m.tx, m.sourceDb, "learning_path#plan", [planKey]);
        let planId = Number(existing.get(planKey)?.id ?? 0);
        const start = legacyDate(row.start_date) ?? legacyDate(row.created_at) ?? m.now;
        const end = legacyDate(row.end_date) ?? new Date(start.getTime() + 6 * 86_400_000);
        if (!planId) {
          const [user] = await m.tx.select({ weeklyHours: users.weeklyHours }).from(users).where(eq(users.id, owner));
          const [plan] = await m.tx
            .insert(studyPlans)
            .values({
              userId: owner,
              startsOn: start.toISOString().slice(0, 10),
              endsOn: end.toISOString().slice(0, 10),
              weeklyHours: user?.weeklyHours ?? 6,
              params: { source: "legacy learning_path" },
              createdAt: legacyDate(row.created_at) ?? m.now,
            })
            .returning({ id: studyPlans.id });
          planId = plan.id;
          await m.tx.insert(importRecords).values({
            sourceDb: m.sourceDb,
            sourceTable: "learning_path#plan",
            sourceKey: planKey,
            targetTable: "study_plans",
            targetId: String(planId),
            userId: owner,
          });
        } else {
          await m.tx
            .update(studyPlans)
            .set({
              startsOn: sql`least(${studyPlans.startsOn}, ${start.toISOString().slice(0, 10)}::date)`,
              endsOn: sql`greatest(${studyPlans.endsOn}, ${end.toISOString().slice(0, 10)}::date)`,
            })
            .where(eq(studyPlans.id, planId));
        }
        const recommended = jsonValue(row.recommended_topics);
        const target = num(row.target_problems);
        const done = num(row.completed_problems) ?? 0;
        const [item] = await m.tx
          .insert(planItems)
          .values({
            planId,
            userId: owner,
            week: num(row.week_number) ?? 1,
            kind: "topic",
            topicId: await m.run.topicFor(m.tx, str(row.primary_focus)),
            note: [
              `Focus: ${str(row.primary_focus)}`,
              target !== null ? `${done}/${target} problems` : null,
              Array.isArray(recommended) ? `topics: ${recommended.join(", ")}` : null,
            ]
              .filter(Boolean)
              .join("; "),
            doneAt: str(row.status)?.toLowerCase() === "completed" ? (legacyDate(row.updated_at) ?? end) : null,
          })
          .returning({ id: planItems.id });
        return imported(key, "plan_items", item.id, owner);
      }),
    }),
    attemptTable({
      table: "problem_mastery",
      problem: (row) => ({ slug: str(row.problem_id), title: str(row.problem_name) }),
      noProblem: "no problem id or name",
      attempt(row, m) {
        const level = num(row.mastery_level) ?? 1;
        return {
          outcome: truthy(row.optimal_solution_found) || level >= 3 ? "solved" : "failed",
          attemptedAt:
            legacyDate(row.verified_date) ?? legacyDate(row.first_attempt_date) ?? legacyDate(row.created_at) ?? m.now,
          minutes: num(row.time_to_solve_minutes),
          notes: `mastery level ${level}/5 after ${num(row.attempts) ?? 0} attempt(s) on the old platform`,
        };
      },
    }),
    defineTable({
      table: "interview_context",
      target: "memories (summary)",
      owner: { column: "user_id" },
      map: ({ key, userId, row }, m) => ({
        key,
        userId: userId as number,
        kind: "summary" as const,
        text: [
          `Mock ${str(row.mode) ?? "interview"}${str(row.company_role) ? ` for ${str(row.company_role)}` : ""}${str(row.topic) ? ` on ${str(row.topic)}` : ""}` +
            `${num(row.score) !== null ? `: score ${num(row.score)}` : ""}.`,
          str(row.feedback),
          str(row.ai_assessment),
          list(row.strengths) ? `Strengths: ${list(row.strengths)}.` : null,
          list(row.weaknesses) ? `Weaknesses: ${list(row.weaknesses)}.` : null,
          list(row.recommendations) ? `Recommendations: ${list(row.recommendations)}.` : null,
        ]
          .filter(Boolean)
          .join(" "),
        createdAt: legacyDate(row.created_at) ?? m.now,
        importance: 0.7,
      }),
      write: (items, m) =>
        writeMemories(
          m,
          "interview_context",
          items.map((i) => i.item),
        ),
    }),
    defineTable<undefined, { topicId: string }>({
      table: "weakness_profile",
      target: "weakness_snapshots (with --user)",
      owner: "forced",
      async map({ row }, m) {
        const topicId = await m.run.topicFor(m.tx, str(row.topic));
        return topicId ? { topicId } : skip(`topic "${str(row.topic)}" is not in the roadmap`);
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const score = Math.max(0, Math.min(100, (num(row.score) ?? 0) * 10));
        const [created] = await m.tx
          .insert(weaknessSnapshots)
          .values({
            userId: userId as number,
            topicId: item.topicId,
            takenAt: legacyDate(row.last_seen) ?? m.now,
            score,
            severity: severityOf(score),
            reason: `weakness recorded by the old mentor in ${str(row.topic)}`,
            metrics: { source: "legacy", legacyScore: num(row.score) },
          })
          .returning({ id: weaknessSnapshots.id });
        return imported(key, "weakness_snapshots", created.id, userId);
      }),
    }),
    defineTable({
      table: "reading_notes",
      target: "memories (note, with --user)",
      owner: "forced",
      map: ({ key, userId, row }, m) => ({
        key,
        userId: userId as number,
        kind: "note" as const,
        text: `Reading note on ${str(row.resource_id)}${num(row.page_number) ? ` (page ${num(row.page_number)})` : ""}: ${str(row.content) ?? ""}`,
        createdAt: legacyDate(row.created_at) ?? m.now,
      }),
      write: (items, m) =>
        writeMemories(
          m,
          "reading_notes",
          items.map((i) => i.item),
        ),
    }),
    {
      table: "user_snapshot",
      target: "—",
      skip: "LeetCode/GitHub profile snapshots are fetched again by the leetcode-sync job",
    },
    { table: "topic_stats", target: "—", skip: "derived statistics are recomputed from attempts" },
    { table: "topic_coverage", target: "—", skip: "topic coverage is recomputed from attempts and reviews" },
    { table: "progress_analytics", target: "—", skip: "daily aggregates are recomputed from attempts" },
    { table: "roadmap_topics", target: "—", skip: "catalogue: Maang-Tracker seeds its own roadmap" },
    {
      table: "roadmap_problems",
      target: "—",
      skip: "catalogue: problems are matched by slug where rows refer to them",
    },
    {
      table: "training_progress",
      target: "—",
      skip: "reading-list progress has no equivalent in Maang-Tracker",
      key: (row) => String(row.resource_id),
    },
  ],
};
