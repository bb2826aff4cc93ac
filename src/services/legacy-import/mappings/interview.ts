// interview.db (the old memory_interview.db): mock interview sessions, their code and chat, the
// scheduled interviews and their reminders.
import { eq, inArray, sql } from "drizzle-orm";
import {
  conversations,
  importRecords,
  interviewAnswers,
  interviewQuestions,
  interviewSessions,
  messages,
  reminders,
  scheduledInterviews,
} from "../../../database/schema.js";
import { defineTable, eachRow, type Owned, skip } from "../pipeline.js";
import { ImportRun } from "../run.js";
import { imported, type LegacyKind, type MapContext, skipped } from "../types.js";
import { companyAndRole, difficultyOf, legacyDate, num, str } from "../values.js";

const MODES = new Set(["coding", "system_design", "behavioral"]);
const modeOf = (value: unknown) => {
  const mode = String(value ?? "coding")
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace("behavioural", "behavioral");
  return MODES.has(mode) ? mode : "coding";
};

/** 24h / 1h / 5m, by how long before the interview the legacy reminder was due. */
export function reminderKind(interviewAt: Date, dueAt: Date): "24h" | "1h" | "5m" {
  const minutes = (interviewAt.getTime() - dueAt.getTime()) / 60_000;
  if (minutes >= 12 * 60) return "24h";
  if (minutes >= 30) return "1h";
  return "5m";
}

async function questionIdsBySlug(m: MapContext, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await m.tx
    .select({ id: interviewQuestions.id, slug: interviewQuestions.slug })
    .from(interviewQuestions)
    .where(inArray(interviewQuestions.slug, slugs));
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** The imported interview sessions the batch's rows belong to (their owner comes from the session). */
const sessionsOf = (rows: Owned[], m: MapContext) =>
  ImportRun.targetOf(
    m.tx,
    m.sourceDb,
    "interview_sessions",
    rows.map((r) => String(r.row.session_id)),
  );

type Targets = Awaited<ReturnType<typeof ImportRun.targetOf>>;

export const interviewKind: LegacyKind = {
  kind: "interview",
  description: "mock interviews, scheduled interviews and reminders (interview.db / memory_interview.db)",
  recognisedBy: ["interview_sessions", "scheduled_interviews", "interview_reminders"],
  tables: [
    defineTable<undefined, { scheduledAt: Date }>({
      table: "scheduled_interviews",
      target: "scheduled_interviews",
      owner: { column: "user_id" },
      map({ row }) {
        const scheduledAt = legacyDate(row.scheduled_time);
        return scheduledAt ? { scheduledAt } : skip("no scheduled time");
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const status = str(row.status)?.toLowerCase();
        const { company, role } = companyAndRole(row.company_role);
        const createdAt = legacyDate(row.created_at) ?? m.now;
        const [created] = await m.tx
          .insert(scheduledInterviews)
          .values({
            userId: userId as number,
            scheduledAt: item.scheduledAt,
            mode: modeOf(row.mode),
            difficulty: difficultyOf(row.difficulty),
            company,
            role,
            status: status === "cancelled" || status === "completed" ? status : "scheduled",
            createdAt,
            updatedAt: legacyDate(row.completed_at) ?? legacyDate(row.cancelled_at) ?? createdAt,
          })
          .returning({ id: scheduledInterviews.id });
        return imported(key, "scheduled_interviews", created.id, userId);
      }),
    }),
    defineTable<Map<string, number>, { questionId: number }>({
      table: "interview_sessions",
      target: "interview_sessions",
      owner: { column: "user_id" },
      prefetch: (rows, m) => questionIdsBySlug(m, [...new Set(rows.map((r) => String(r.row.problem_id ?? "")))]),
      map({ row }, _m, questions) {
        const questionId = questions.get(String(row.problem_id ?? ""));
        return questionId ? { questionId } : skip(`question "${str(row.problem_id)}" is not in the interview bank`);
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const startedAt = legacyDate(row.start_time) ?? m.now;
        const duration = num(row.duration_minutes) ?? 45;
        const finishedAt = legacyDate(row.end_time);
        const { company, role } = companyAndRole(row.company_role);
        const feedback = str(row.feedback);
        const [created] = await m.tx
          .insert(interviewSessions)
          .values({
            userId: userId as number,
            questionId: item.questionId,
            mode: modeOf(row.mode),
            company,
            role,
            durationMinutes: duration,
            startedAt,
            deadlineAt: new Date(startedAt.getTime() + duration * 60_000),
            finishedAt,
            // a legacy session that never ended cannot be resumed: it is over
            status: finishedAt ? "finished" : "expired",
            score: num(row.score),
            report: feedback ? { source: "legacy", feedback } : null,
          })
          .returning({ id: interviewSessions.id });
        return imported(key, "interview_sessions", created.id, userId);
      }),
    }),
    defineTable<Targets, { sessionId: number; userId: number }>({
      table: "code_submissions",
      target: "interview_answers (code)",
      // the owner is the owner of the imported interview session
      owner: "none",
      prefetch: sessionsOf,
      map({ row }, _m, sessions) {
        const session = sessions.get(String(row.session_id));
        return session?.id && session.userId
          ? { sessionId: Number(session.id), userId: session.userId }
          : skip("its interview session was not imported");
      },
      write: eachRow(async ({ key, row, item }, m) => {
        const [created] = await m.tx
          .insert(interviewAnswers)
          .values({
            sessionId: item.sessionId,
            userId: item.userId,
            kind: "code",
            language: str(row.language),
            content: str(row.code) ?? "",
            result: {
              source: "legacy",
              passed: num(row.test_passed),
              failed: num(row.test_failed),
              executionMs: num(row.execution_time_ms),
            },
            createdAt: legacyDate(row.submitted_at) ?? m.now,
          })
          .returning({ id: interviewAnswers.id });
        return imported(key, "interview_answers", created.id, item.userId);
      }),
    }),
    defineTable<{ sessions: Targets; chats: Targets }, { userId: number }>({
      table: "interview_chat",
      target: "conversations + messages (one conversation per interview)",
      owner: "none",
      async prefetch(rows, m) {
        const keys = [...new Set(rows.map((r) => String(r.row.session_id)))];
        return {
          sessions: await ImportRun.targetOf(m.tx, m.sourceDb, "interview_sessions", keys),
          chats: await ImportRun.targetOf(m.tx, m.sourceDb, "interview_chat#conversation", keys),
        };
      },
      map({ row }, _m, { sessions }) {
        const userId = sessions.get(String(row.session_id))?.userId;
        return userId ? { userId } : skip("its interview session was not imported");
      },
      write: eachRow(async ({ key, row, item }, m, { chats }) => {
        const sessionKey = String(row.session_id);
        const { userId } = item;
        let conversationId = Number(chats.get(sessionKey)?.id ?? 0);
        const at = legacyDate(row.timestamp) ?? m.now;
        if (!conversationId) {
          const [conversation] = await m.tx
            .insert(conversations)
            .values({ userId, title: `Mock interview ${sessionKey} (imported)`, createdAt: at, updatedAt: at })
            .returning({ id: conversations.id });
          conversationId = conversation.id;
          chats.set(sessionKey, { id: String(conversationId), userId });
          await m.tx.insert(importRecords).values({
            sourceDb: m.sourceDb,
            sourceTable: "interview_chat#conversation",
            sourceKey: sessionKey,
            targetTable: "conversations",
            targetId: String(conversationId),
            userId,
          });
        }
        const speaker = str(row.speaker)?.toLowerCase() ?? "";
        const [message] = await m.tx
          .insert(messages)
          .values({
            conversationId,
            userId,
            role: ["user", "candidate", "human"].includes(speaker) ? "user" : "assistant",
            content: str(row.message) ?? "",
            metadata: { source: "legacy", speaker },
            createdAt: at,
          })
          .returning({ id: messages.id });
        await m.tx
          .update(conversations)
          .set({ updatedAt: sql`greatest(${conversations.updatedAt}, ${at})` })
          .where(eq(conversations.id, conversationId));
        return imported(key, "messages", message.id, userId);
      }),
    }),
    {
      table: "interview_metrics",
      target: "—",
      skip: "aggregate statistics are recomputed from interview sessions",
    },
    defineTable<Targets, { interviewId: number; userId: number; interviewAt: Date; dueAt: Date; sent: boolean }>({
      table: "interview_reminders",
      target: "reminders",
      // the owner is the owner of the imported scheduled interview
      owner: "none",
      prefetch: (rows, m) =>
        ImportRun.targetOf(
          m.tx,
          m.sourceDb,
          "scheduled_interviews",
          rows.map((r) => String(r.row.interview_id)),
        ),
      map({ row }, m, interviews) {
        const interview = interviews.get(String(row.interview_id));
        const legacyInterview = m.file.lookup("scheduled_interviews", "id", row.interview_id);
        const interviewAt = legacyDate(legacyInterview?.scheduled_time);
        const dueAt = legacyDate(row.reminder_time);
        const sent = Boolean(num(row.sent));
        if (!interview?.id || !interview.userId || !interviewAt)
          return skip("its scheduled interview was not imported");
        if (!dueAt) return skip("no reminder time");
        if (!sent && dueAt < m.now) return skip("was due before the import and never sent: it is not sent late");
        return { interviewId: Number(interview.id), userId: interview.userId, interviewAt, dueAt, sent };
      },
      write: eachRow(async ({ key, row, item }, m) => {
        const [created] = await m.tx
          .insert(reminders)
          .values({
            userId: item.userId,
            scheduledInterviewId: item.interviewId,
            kind: reminderKind(item.interviewAt, item.dueAt),
            dueAt: item.dueAt,
            sentAt: item.sent ? (legacyDate(row.sent_at) ?? item.dueAt) : null,
          })
          .onConflictDoNothing()
          .returning({ id: reminders.id });
        return created
          ? imported(key, "reminders", created.id, item.userId)
          : skipped(key, "the interview already has a reminder of this kind");
      }),
    }),
    {
      table: "interview_preferences",
      target: "—",
      skip: "scheduling preferences have no equivalent: weekly series are scheduled explicitly, the timezone is an account setting",
      key: (row) => String(row.user_id),
    },
  ],
};
