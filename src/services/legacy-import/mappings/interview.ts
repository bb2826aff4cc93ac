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
import { ImportRun } from "../run.js";
import { imported, type LegacyKind, type MapContext, type RowOutcome, skipped } from "../types.js";
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

export const interviewKind: LegacyKind = {
  kind: "interview",
  description: "mock interviews, scheduled interviews and reminders (interview.db / memory_interview.db)",
  recognisedBy: ["interview_sessions", "scheduled_interviews", "interview_reminders"],
  tables: [
    {
      table: "scheduled_interviews",
      target: "scheduled_interviews",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const scheduledAt = legacyDate(row.scheduled_time);
          if (!userId) out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
          else if (!scheduledAt) out.push(skipped(key, "no scheduled time"));
          else {
            const status = str(row.status)?.toLowerCase();
            const { company, role } = companyAndRole(row.company_role);
            const createdAt = legacyDate(row.created_at) ?? m.now;
            const [created] = await m.tx
              .insert(scheduledInterviews)
              .values({
                userId,
                scheduledAt,
                mode: modeOf(row.mode),
                difficulty: difficultyOf(row.difficulty),
                company,
                role,
                status: status === "cancelled" || status === "completed" ? status : "scheduled",
                createdAt,
                updatedAt: legacyDate(row.completed_at) ?? legacyDate(row.cancelled_at) ?? createdAt,
              })
              .returning({ id: scheduledInterviews.id });
            out.push(imported(key, "scheduled_interviews", created.id, userId));
          }
        }
        return out;
      },
    },
    {
      table: "interview_sessions",
      target: "interview_sessions",
      async importRows(rows, m) {
        const questions = await questionIdsBySlug(m, [...new Set(rows.map((r) => String(r.problem_id ?? "")))]);
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const questionId = questions.get(String(row.problem_id ?? ""));
          if (!userId) out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
          else if (!questionId)
            out.push(skipped(key, `question "${str(row.problem_id)}" is not in the interview bank`));
          else {
            const startedAt = legacyDate(row.start_time) ?? m.now;
            const duration = num(row.duration_minutes) ?? 45;
            const finishedAt = legacyDate(row.end_time);
            const { company, role } = companyAndRole(row.company_role);
            const feedback = str(row.feedback);
            const [created] = await m.tx
              .insert(interviewSessions)
              .values({
                userId,
                questionId,
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
            out.push(imported(key, "interview_sessions", created.id, userId));
          }
        }
        return out;
      },
    },
    {
      table: "code_submissions",
      target: "interview_answers (code)",
      async importRows(rows, m) {
        const sessions = await ImportRun.targetOf(
          m.tx,
          m.sourceDb,
          "interview_sessions",
          rows.map((r) => String(r.session_id)),
        );
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const session = sessions.get(String(row.session_id));
          if (!session?.id || !session.userId) {
            out.push(skipped(key, "its interview session was not imported"));
            continue;
          }
          const [created] = await m.tx
            .insert(interviewAnswers)
            .values({
              sessionId: Number(session.id),
              userId: session.userId,
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
          out.push(imported(key, "interview_answers", created.id, session.userId));
        }
        return out;
      },
    },
    {
      table: "interview_chat",
      target: "conversations + messages (one conversation per interview)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const sessionKeys = [...new Set(rows.map((r) => String(r.session_id)))];
        const sessions = await ImportRun.targetOf(m.tx, m.sourceDb, "interview_sessions", sessionKeys);
        const chats = await ImportRun.targetOf(m.tx, m.sourceDb, "interview_chat#conversation", sessionKeys);
        for (const row of rows) {
          const key = String(row.id);
          const sessionKey = String(row.session_id);
          const session = sessions.get(sessionKey);
          if (!session?.userId) {
            out.push(skipped(key, "its interview session was not imported"));
            continue;
          }
          let conversationId = Number(chats.get(sessionKey)?.id ?? 0);
          const at = legacyDate(row.timestamp) ?? m.now;
          if (!conversationId) {
            const [conversation] = await m.tx
              .insert(conversations)
              .values({
                userId: session.userId,
                title: `Mock interview ${sessionKey} (imported)`,
                createdAt: at,
                updatedAt: at,
              })
              .returning({ id: conversations.id });
            conversationId = conversation.id;
            chats.set(sessionKey, { id: String(conversationId), userId: session.userId });
            await m.tx.insert(importRecords).values({
              sourceDb: m.sourceDb,
              sourceTable: "interview_chat#conversation",
              sourceKey: sessionKey,
              targetTable: "conversations",
              targetId: String(conversationId),
              userId: session.userId,
            });
          }
          const speaker = str(row.speaker)?.toLowerCase() ?? "";
          const [message] = await m.tx
            .insert(messages)
            .values({
              conversationId,
              userId: session.userId,
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
          out.push(imported(key, "messages", message.id, session.userId));
        }
        return out;
      },
    },
    {
      table: "interview_metrics",
      target: "—",
      skip: "aggregate statistics are recomputed from interview sessions",
    },
    {
      table: "interview_reminders",
      target: "reminders",
      async importRows(rows, m) {
        const interviews = await ImportRun.targetOf(
          m.tx,
          m.sourceDb,
          "scheduled_interviews",
          rows.map((r) => String(r.interview_id)),
        );
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const interview = interviews.get(String(row.interview_id));
          const legacyInterview = m.file.lookup("scheduled_interviews", "id", row.interview_id);
          const interviewAt = legacyDate(legacyInterview?.scheduled_time);
          const dueAt = legacyDate(row.reminder_time);
          const sent = Boolean(num(row.sent));
          if (!interview?.id || !interview.userId || !interviewAt) {
            out.push(skipped(key, "its scheduled interview was not imported"));
            continue;
          }
          if (!dueAt) {
            out.push(skipped(key, "no reminder time"));
            continue;
          }
          if (!sent && dueAt < m.now) {
            out.push(skipped(key, "was due before the import and never sent: it is not sent late"));
            continue;
          }
          const [created] = await m.tx
            .insert(reminders)
            .values({
              userId: interview.userId,
              scheduledInterviewId: Number(interview.id),
              kind: reminderKind(interviewAt, dueAt),
              dueAt,
              sentAt: sent ? (legacyDate(row.sent_at) ?? dueAt) : null,
            })
            .onConflictDoNothing()
            .returning({ id: reminders.id });
          out.push(
            created
              ? imported(key, "reminders", created.id, interview.userId)
              : skipped(key, "the interview already has a reminder of this kind"),
          );
        }
        return out;
      },
    },
    {
      table: "interview_preferences",
      target: "—",
      skip: "scheduling preferences have no equivalent: weekly series are scheduled explicitly, the timezone is an account setting",
      key: (row) => String(row.user_id),
    },
  ],
};
