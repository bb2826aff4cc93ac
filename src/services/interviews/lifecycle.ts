// A session's lifecycle: loading it for its owner, the deadline (with a grace period), and closing it —
// by hand or when time is up — with its report (graded by a model when one is configured, with the
// mentor's feedback), the scheduled interview it fulfils marked done and, for coding, a practice attempt.
import { and, eq, lt } from "drizzle-orm";
import type { InterviewQuestion } from "../../database/schema.js";
import { interviewAnswers, interviewSessions, scheduledInterviews } from "../../database/schema.js";
import { BadRequestError, ConflictError, isAppError, NotFoundError } from "../../errors.js";
import { buildReport, gradeWithModel, type InterviewReport } from "./interview-report.js";
import { type CodingContent, findQuestion } from "./question-bank.js";
import type { InterviewDeps, Session } from "./types.js";

/** a submission that arrives this long after the deadline is still accepted (network, a last click) */
export const DEADLINE_GRACE_MS = 2 * 60_000;

export async function loadSession(deps: InterviewDeps, userId: number, sessionId: number): Promise<Session> {
  const [session] = await deps.db
    .select()
    .from(interviewSessions)
    .where(and(eq(interviewSessions.id, sessionId), eq(interviewSessions.userId, userId)));
  if (!session) throw new NotFoundError(`No interview session ${sessionId}.`);
  return session;
}

export function isOverdue(deps: InterviewDeps, session: Session): boolean {
  return deps.clock.now().getTime() > session.deadlineAt.getTime() + DEADLINE_GRACE_MS;
}

/** The user's session while it runs; one past its deadline is closed first and refused. */
export async function activeSession(deps: InterviewDeps, userId: number, sessionId: number): Promise<Session> {
  const session = await loadSession(deps, userId, sessionId);
  if (session.status !== "active")
    throw new ConflictError(`Interview session ${sessionId} is ${session.status}; start a new one.`);
  if (isOverdue(deps, session)) {
    await closeSession(deps, userId, session, "expired");
    throw new ConflictError(
      `Time is up: session ${sessionId} ended at ${session.deadlineAt.toISOString()}; its report is ready.`,
    );
  }
  return session;
}

export async function activeCodingSession(deps: InterviewDeps, userId: number, sessionId: number) {
  const session = await activeSession(deps, userId, sessionId);
  const question = await findQuestion(deps.db, session.questionId);
  if (question.mode !== "coding")
    throw new BadRequestError(`Session ${sessionId} is a ${question.mode} interview: send a text answer.`);
  return { session, question, content: question.content as CodingContent };
}

/** Closes an active session with its report; `changed` is false when another request closed it first. */
export async function closeSession(
  deps: InterviewDeps,
  userId: number,
  session: Session,
  status: "finished" | "expired",
): Promise<{ session: Session; changed: boolean }> {
  const question = await findQuestion(deps.db, session.questionId);
  const answers = await deps.db
    .select()
    .from(interviewAnswers)
    .where(and(eq(interviewAnswers.sessionId, session.id), eq(interviewAnswers.userId, userId)))
    .orderBy(interviewAnswers.id);
  const now = deps.clock.now();
  const end = Math.min(now.getTime(), session.deadlineAt.getTime() + DEADLINE_GRACE_MS);
  const timeUsedMinutes = Math.max(0, Math.round(((end - session.startedAt.getTime()) / 60_000) * 10) / 10);
  const report = buildReport(session, question, answers, status, timeUsedMinutes);
  if (deps.answerGrader && session.mode !== "coding")
    await gradeWithModel(deps.answerGrader, deps.logger, session, question, answers, report);
  if (deps.feedbackWriter) {
    try {
      const feedback = await deps.feedbackWriter({ userId, session, question, report });
      if (feedback) report.feedback = feedback;
    } catch (error) {
      deps.logger.warn(
        { err: error, sessionId: session.id },
        "interview feedback writer failed; report kept without it",
      );
    }
  }
  const score = Math.round(((report.rubric.overall - 1) / 3) * 1000) / 10;
  const [updated] = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(interviewSessions)
      .set({ status, finishedAt: now, report, score })
      .where(and(eq(interviewSessions.id, session.id), eq(interviewSessions.status, "active")))
      .returning();
    if (rows.length && session.scheduledInterviewId)
      await tx
        .update(scheduledInterviews)
        .set({ status: "completed", updatedAt: now })
        .where(and(eq(scheduledInterviews.id, session.scheduledInterviewId), eq(scheduledInterviews.userId, userId)));
    return rows;
  });
  if (!updated) return { session: await loadSession(deps, userId, session.id), changed: false };
  if (question.mode === "coding" && report.attempt?.counted)
    await logAsAttempt(deps, userId, question, report, session.id);
  return { session: updated, changed: true };
}

/** Closes every active session past its deadline (+ grace); for one user, or all when none is given. */
export async function expireOverdue(deps: InterviewDeps, userId?: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - DEADLINE_GRACE_MS);
  const overdue = await deps.db
    .select()
    .from(interviewSessions)
    .where(
      and(
        eq(interviewSessions.status, "active"),
        lt(interviewSessions.deadlineAt, cutoff),
        userId === undefined ? undefined : eq(interviewSessions.userId, userId),
      ),
    );
  let n = 0;
  for (const s of overdue) if ((await closeSession(deps, s.userId, s, "expired")).changed) n++;
  return n;
}

async function logAsAttempt(
  deps: InterviewDeps,
  userId: number,
  question: InterviewQuestion,
  report: InterviewReport,
  sessionId: number,
): Promise<void> {
  if (!deps.logAttempt) return;
  const slug = (question.content as CodingContent).leetcodeSlug ?? question.slug;
  try {
    await deps.logAttempt(userId, {
      problem: slug,
      outcome: report.attempt?.outcome ?? "failed",
      minutes: Math.max(1, Math.round(report.timeUsedMinutes)),
      ...(report.language ? { language: report.language } : {}),
      notes: `Mock interview #${sessionId}: ${report.rubric.band.replaceAll("_", " ")} (${report.tests?.passed}/${report.tests?.total} tests)`,
      source: "interview",
      hintsUsed: report.hintsUsed,
    });
  } catch (error) {
    // A problem missing from the catalogue is normal (the bank holds more than the roadmap); say nothing.
    if (!(isAppError(error) && error.statusCode === 404))
      deps.logger.warn({ err: error, sessionId }, "could not log the interview as an attempt");
  }
}
