// Starting, reading, listing and finishing sessions, and saving what the candidate types in one.
import { and, desc, eq, sql } from "drizzle-orm";
import { INTERVIEW_MODES, type InterviewMode } from "../../config/constants.js";
import { type InterviewQuestion, interviewSessions, scheduledInterviews } from "../../database/schema.js";
import { BadRequestError, ConflictError, NotFoundError } from "../../errors.js";
import { type Page, type PageRequest, pageBounds } from "../shared/page.js";
import { type DraftInput, type InterviewDraft, saveDraft } from "./interview-drafts.js";
import { closeSession, expireOverdue, isOverdue, loadSession } from "./lifecycle.js";
import { findQuestion, pickQuestion } from "./question-bank.js";
import type { InterviewDeps } from "./types.js";
import { presentSession, type SessionSummary, type SessionView, sessionSummary } from "./views.js";

/** Without a duration from the caller or the question. */
const DEFAULT_DURATION_MINUTES = 45;

export interface StartSessionInput {
  mode: InterviewMode;
  question?: string;
  company?: string;
  role?: string;
  difficulty?: "easy" | "medium" | "hard";
  topic?: string;
  durationMinutes?: number;
  scheduledInterviewId?: number;
}

export async function startSession(
  deps: InterviewDeps,
  userId: number,
  input: StartSessionInput,
): Promise<SessionView> {
  if (!INTERVIEW_MODES.includes(input.mode))
    throw new BadRequestError(`mode must be one of ${INTERVIEW_MODES.join(", ")}`);
  const question = input.question
    ? await findQuestion(deps.db, input.question)
    : await pickQuestion(
        deps.db,
        {
          mode: input.mode,
          difficulty: input.mode === "behavioral" ? undefined : input.difficulty,
          company: input.company,
          topic: input.topic,
        },
        deps.random,
      );
  if (question.mode !== input.mode)
    throw new BadRequestError(`Question "${question.slug}" is a ${question.mode} question, not ${input.mode}.`);
  if (input.scheduledInterviewId !== undefined) {
    const [own] = await deps.db
      .select({ id: scheduledInterviews.id })
      .from(scheduledInterviews)
      .where(and(eq(scheduledInterviews.id, input.scheduledInterviewId), eq(scheduledInterviews.userId, userId)));
    if (!own) throw new NotFoundError(`No scheduled interview ${input.scheduledInterviewId}.`);
  }
  const limit = (question.content as { timeLimitMinutes?: number }).timeLimitMinutes;
  const durationMinutes = input.durationMinutes ?? limit ?? DEFAULT_DURATION_MINUTES;
  const now = deps.clock.now();
  const [session] = await deps.db
    .insert(interviewSessions)
    .values({
      userId,
      questionId: question.id,
      scheduledInterviewId: input.scheduledInterviewId ?? null,
      mode: input.mode,
      role: input.role ?? null,
      company: input.company ?? null,
      difficulty: question.difficulty,
      durationMinutes,
      startedAt: now,
      deadlineAt: new Date(now.getTime() + durationMinutes * 60_000),
    })
    .returning();
  return presentSession(deps, userId, session, question);
}

/** One session; one past its deadline is closed (expired) first, so its report is there. */
export async function getSession(deps: InterviewDeps, userId: number, sessionId: number): Promise<SessionView> {
  let session = await loadSession(deps, userId, sessionId);
  if (session.status === "active" && isOverdue(deps, session))
    session = (await closeSession(deps, userId, session, "expired")).session;
  return presentSession(deps, userId, session, await findQuestion(deps.db, session.questionId));
}

export async function listSessions(
  deps: InterviewDeps,
  userId: number,
  filter: PageRequest & { mode?: InterviewMode; status?: string },
): Promise<Page<SessionSummary>> {
  await expireOverdue(deps, userId);
  const { limit, offset } = pageBounds(filter);
  const where = and(
    eq(interviewSessions.userId, userId),
    filter.mode ? eq(interviewSessions.mode, filter.mode) : undefined,
    filter.status ? eq(interviewSessions.status, filter.status) : undefined,
  );
  const rows = await deps.db
    .select({ session: interviewSessions, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(interviewSessions)
    .where(where)
    .orderBy(desc(interviewSessions.startedAt), desc(interviewSessions.id))
    .limit(limit)
    .offset(offset);
  const questions = new Map<number, InterviewQuestion>();
  for (const r of rows)
    if (!questions.has(r.session.questionId))
      questions.set(r.session.questionId, await findQuestion(deps.db, r.session.questionId));
  return {
    items: rows.map(({ session }) => sessionSummary(session, questions.get(session.questionId) as InterviewQuestion)),
    total: rows[0]?.total ?? 0,
    limit,
    offset,
  };
}

/** Finishes the session by hand (expired when past its deadline); a closed one is returned as it is. */
export async function finishSession(deps: InterviewDeps, userId: number, sessionId: number): Promise<SessionView> {
  const session = await loadSession(deps, userId, sessionId);
  const finished =
    session.status === "active"
      ? (await closeSession(deps, userId, session, isOverdue(deps, session) ? "expired" : "finished")).session
      : session;
  return presentSession(deps, userId, finished, await findQuestion(deps.db, finished.questionId));
}

/** Saves what the candidate is typing while the session runs (interview-drafts.ts). */
export async function saveSessionDraft(
  deps: InterviewDeps,
  userId: number,
  sessionId: number,
  input: DraftInput,
): Promise<InterviewDraft> {
  const session = await loadSession(deps, userId, sessionId);
  if (session.status !== "active" || isOverdue(deps, session))
    throw new ConflictError(`Interview session ${sessionId} is over; its draft can no longer change.`);
  return saveDraft(deps.db, deps.clock, session, input);
}
