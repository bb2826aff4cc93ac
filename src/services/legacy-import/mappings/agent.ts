// maang_agent_memory.db: the mentor's conversation history and what it learned about the user.
import { eq, sql } from "drizzle-orm";
import { queryRows } from "../../../config/database.js";
import {
  conversations,
  importRecords,
  planItems,
  studyPlans,
  users,
  weaknessSnapshots,
} from "../../../database/schema.js";
import { type BulkColumn, bulkInsert } from "../bulk-insert.js";
import { ImportRun } from "../run.js";
import { imported, type LegacyKind, type MapContext, type RowOutcome, skipped } from "../types.js";
import { jsonValue, legacyDate, num, str, truthy } from "../values.js";
import { type LegacyAttempt, type LegacyMemory, writeAttempts, writeMemories } from "../writers.js";
import { severityOf } from "./platform.js";

const MESSAGE_COLUMNS: BulkColumn[] = [
  { name: "conversation_id", type: "int4" },
  { name: "user_id", type: "int4" },
  { name: "role", type: "text" },
  { name: "content", type: "text" },
  { name: "metadata", type: "jsonb" },
  { name: "created_at", type: "timestamptz" },
];

const NO_USER_COLUMN = "this table has no user column: pass --user EMAIL to assign its rows to an account";

/**
 * One conversation per legacy (user, session), found again through import_records on later runs. Resolves
 * a whole batch's sessions with one lookup and one insert.
 */
async function conversationsFor(
  m: MapContext,
  sessions: { userId: number; session: string; title: string; at: Date }[],
) {
  const cache = m.run.conversations;
  const wanted = new Map<string, (typeof sessions)[number]>();
  for (const s of sessions) {
    const key = `${s.userId}/${s.session}`;
    if (!cache.has(key) && !wanted.has(key)) wanted.set(key, s);
  }
  if (wanted.size > 0) {
    const existing = await ImportRun.targetOf(m.tx, m.sourceDb, "conversation_history#session", [...wanted.keys()]);
    for (const [key, target] of existing) {
      cache.set(key, Number(target.id));
      wanted.delete(key);
    }
  }
  if (wanted.size > 0) {
    const entries = [...wanted.entries()];
    // ids taken from the sequence first, so each session knows its conversation without relying on row order
    const ids = (
      await queryRows<{ id: number }>(
        m.tx,
        sql`select nextval(pg_get_serial_sequence('conversations', 'id'))::int as id from generate_series(1, ${entries.length})`,
      )
    ).map((r) => Number(r.id));
    await m.tx.insert(conversations).values(
      entries.map(([, s], i) => ({
        id: ids[i],
        userId: s.userId,
        title: s.title.slice(0, 80),
        createdAt: s.at,
        updatedAt: s.at,
      })),
    );
    for (const [i, [key]] of entries.entries()) cache.set(key, ids[i]);
    await m.tx.insert(importRecords).values(
      entries.map(([key, s], i) => ({
        sourceDb: m.sourceDb,
        sourceTable: "conversation_history#session",
        sourceKey: key,
        targetTable: "conversations",
        targetId: String(ids[i]),
        userId: s.userId,
      })),
    );
  }
}

export const agentKind: LegacyKind = {
  kind: "agent",
  description: "the mentor's conversation history, learning path and mastery (maang_agent_memory.db)",
  recognisedBy: ["conversation_history", "learning_path", "problem_mastery"],
  tables: [
    {
      table: "conversation_history",
      target: "conversations + messages + memories",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const pending: {
          key: string;
          userId: number;
          session: string;
          role: string;
          text: string;
          at: Date;
          meta: unknown;
        }[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const text = str(row.message);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          if (!text) {
            out.push(skipped(key, "empty message"));
            continue;
          }
          const role = (str(row.role) ?? "user").toLowerCase();
          pending.push({
            key,
            userId,
            session: str(row.session_id) ?? "default",
            role: ["user", "assistant", "system", "tool"].includes(role)
              ? role
              : role === "human"
                ? "user"
                : "assistant",
            text,
            at: legacyDate(row.timestamp) ?? m.now,
            meta: jsonValue(row.metadata),
          });
        }
        if (pending.length === 0) return out;
        await conversationsFor(
          m,
          pending.map((p) => ({ userId: p.userId, session: p.session, title: p.text, at: p.at })),
        );
        if (pending.length === 0) return out;
        const conversationOf = (p: (typeof pending)[number]) =>
          m.run.conversations.get(`${p.userId}/${p.session}`) as number;
        const inserted = await bulkInsert<{ id: number; legacy_id: string }>(
          m.tx,
          "messages",
          MESSAGE_COLUMNS,
          pending.map((p) => [
            conversationOf(p),
            p.userId,
            p.role,
            p.text,
            {
              source: "legacy",
              legacyId: Number(p.key),
              ...(p.meta && typeof p.meta === "object" ? { legacy: p.meta } : {}),
            },
            p.at,
          ]),
          sql`returning id, metadata->>'legacyId' as legacy_id`,
        );
        const ids = new Map(inserted.map((r) => [String(r.legacy_id), Number(r.id)]));
        const latest = new Map<number, Date>();
        for (const p of pending) {
          const id = conversationOf(p);
          if (!latest.has(id) || (latest.get(id) as Date) < p.at) latest.set(id, p.at);
        }
        await m.tx.execute(
          sql`update conversations as c set updated_at = greatest(c.updated_at, v.at)
              from (values ${sql.join(
                [...latest].map(([id, at]) => sql`(${id}::int, ${at.toISOString()}::timestamptz)`),
                sql`, `,
              )}) as v(id, at)
              where c.id = v.id`,
        );
        const memories: LegacyMemory[] = pending
          .filter((p) => p.role === "user" || p.role === "assistant")
          .map((p) => ({
            key: p.key,
            userId: p.userId,
            kind: "message",
            text: `${p.role === "user" ? "User" : "Mentor"}: ${p.text}`,
            createdAt: p.at,
            conversationId: conversationOf(p),
            messageId: ids.get(p.key) ?? null,
          }));
        await writeMemories(m, "conversation_history", memories, false);
        for (const p of pending) out.push(imported(p.key, "messages", ids.get(p.key) ?? null, p.userId));
        return out;
      },
    },
    {
      table: "learning_path",
      target: "study_plans + plan_items (one plan per user, one item per week)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const planKey = String(userId);
          const existing = await ImportRun.targetOf(m.tx, m.sourceDb, "learning_path#plan", [planKey]);
          let planId = Number(existing.get(planKey)?.id ?? 0);
          const start = legacyDate(row.start_date) ?? legacyDate(row.created_at) ?? m.now;
          const end = legacyDate(row.end_date) ?? new Date(start.getTime() + 6 * 86_400_000);
          if (!planId) {
            const [user] = await m.tx
              .select({ weeklyHours: users.weeklyHours })
              .from(users)
              .where(eq(users.id, userId));
            const [plan] = await m.tx
              .insert(studyPlans)
              .values({
                userId,
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
              userId,
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
              userId,
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
          out.push(imported(key, "plan_items", item.id, userId));
        }
        return out;
      },
    },
    {
      table: "problem_mastery",
      target: "attempts + review cards",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const attempts: LegacyAttempt[] = [];
        const refs = [];
        for (const row of rows)
          refs.push({
            userId: await m.run.resolveUser(m.tx, m.sourceDb, row.user_id),
            ref: { slug: str(row.problem_id), title: str(row.problem_name) },
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
            slug: str(row.problem_id),
            title: str(row.problem_name),
          });
          if (!problemId) {
            out.push(skipped(key, "no problem id or name"));
            continue;
          }
          const level = num(row.mastery_level) ?? 1;
          attempts.push({
            key,
            userId,
            problemId,
            outcome: truthy(row.optimal_solution_found) || level >= 3 ? "solved" : "failed",
            attemptedAt:
              legacyDate(row.verified_date) ??
              legacyDate(row.first_attempt_date) ??
              legacyDate(row.created_at) ??
              m.now,
            minutes: num(row.time_to_solve_minutes),
            notes: `mastery level ${level}/5 after ${num(row.attempts) ?? 0} attempt(s) on the old platform`,
          });
        }
        return [...out, ...(await writeAttempts(m, "problem_mastery", attempts))];
      },
    },
    {
      table: "interview_context",
      target: "memories (summary)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const summaries: LegacyMemory[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const list = (v: unknown) => {
            const parsed = jsonValue(v as never);
            return Array.isArray(parsed) ? parsed.join("; ") : typeof parsed === "string" ? parsed : null;
          };
          const text = [
            `Mock ${str(row.mode) ?? "interview"}${str(row.company_role) ? ` for ${str(row.company_role)}` : ""}${str(row.topic) ? ` on ${str(row.topic)}` : ""}` +
              `${num(row.score) !== null ? `: score ${num(row.score)}` : ""}.`,
            str(row.feedback),
            str(row.ai_assessment),
            list(row.strengths) ? `Strengths: ${list(row.strengths)}.` : null,
            list(row.weaknesses) ? `Weaknesses: ${list(row.weaknesses)}.` : null,
            list(row.recommendations) ? `Recommendations: ${list(row.recommendations)}.` : null,
          ]
            .filter(Boolean)
            .join(" ");
          summaries.push({
            key,
            userId,
            kind: "summary",
            text,
            createdAt: legacyDate(row.created_at) ?? m.now,
            importance: 0.7,
          });
        }
        return [...out, ...(await writeMemories(m, "interview_context", summaries))];
      },
    },
    {
      table: "weakness_profile",
      target: "weakness_snapshots (with --user)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = m.run.forcedUserId;
          const topicId = await m.run.topicFor(m.tx, str(row.topic));
          if (!userId) out.push(skipped(key, NO_USER_COLUMN));
          else if (!topicId) out.push(skipped(key, `topic "${str(row.topic)}" is not in the roadmap`));
          else {
            const score = Math.max(0, Math.min(100, (num(row.score) ?? 0) * 10));
            const [created] = await m.tx
              .insert(weaknessSnapshots)
              .values({
                userId,
                topicId,
                takenAt: legacyDate(row.last_seen) ?? m.now,
                score,
                severity: severityOf(score),
                reason: `weakness recorded by the old mentor in ${str(row.topic)}`,
                metrics: { source: "legacy", legacyScore: num(row.score) },
              })
              .returning({ id: weaknessSnapshots.id });
            out.push(imported(key, "weakness_snapshots", created.id, userId));
          }
        }
        return out;
      },
    },
    {
      table: "reading_notes",
      target: "memories (note, with --user)",
      async importRows(rows, m) {
        const userId = m.run.forcedUserId;
        if (!userId) return rows.map((r) => skipped(String(r.id), NO_USER_COLUMN));
        const notes: LegacyMemory[] = rows.map((row) => ({
          key: String(row.id),
          userId,
          kind: "note",
          text: `Reading note on ${str(row.resource_id)}${num(row.page_number) ? ` (page ${num(row.page_number)})` : ""}: ${str(row.content) ?? ""}`,
          createdAt: legacyDate(row.created_at) ?? m.now,
        }));
        return writeMemories(m, "reading_notes", notes);
      },
    },
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
