// What a candidate asks for and writes during a session: the next hint (counted in the report) and a
// written answer (the design, the behavioural story, or the approach of a coding solution).
import { and, eq, lt, sql } from "drizzle-orm";
import { interviewAnswers, interviewSessions } from "../../database/schema.js";
import { BadRequestError, ConflictError } from "../../errors.js";
import { MAX_TEXT_CHARS } from "./contract.js";
import { activeSession } from "./lifecycle.js";
import { findQuestion, hintsOf } from "./question-bank.js";
import type { InterviewDeps } from "./types.js";

export async function nextHint(
  deps: InterviewDeps,
  userId: number,
  sessionId: number,
): Promise<{ hint: string; number: number; remaining: number }> {
  const session = await activeSession(deps, userId, sessionId);
  const hints = hintsOf(await findQuestion(deps.db, session.questionId));
  // Claimed with a conditional update so two quick clicks cannot both take the same hint number.
  const [updated] = await deps.db
    .update(interviewSessions)
    .set({ hintsUsed: sql`${interviewSessions.hintsUsed} + 1` })
    .where(and(eq(interviewSessions.id, session.id), lt(interviewSessions.hintsUsed, hints.length)))
    .returning({ hintsUsed: interviewSessions.hintsUsed });
  if (!updated) throw new ConflictError(`No more hints: all ${hints.length} have been given.`);
  return { hint: hints[updated.hintsUsed - 1], number: updated.hintsUsed, remaining: hints.length - updated.hintsUsed };
}

/** Stores a written answer; the report grades all of a session's answers together. */
export async function answerText(
  deps: InterviewDeps,
  userId: number,
  sessionId: number,
  input: { text: string },
): Promise<{ id: number; createdAt: string }> {
  const session = await activeSession(deps, userId, sessionId);
  const text = input.text.trim();
  if (!text) throw new BadRequestError("The answer is empty.");
  if (text.length > MAX_TEXT_CHARS)
    throw new BadRequestError(`The answer is longer than ${MAX_TEXT_CHARS} characters.`);
  const [answer] = await deps.db
    .insert(interviewAnswers)
    .values({ sessionId: session.id, userId, kind: "text", content: text, createdAt: deps.clock.now() })
    .returning({ id: interviewAnswers.id, createdAt: interviewAnswers.createdAt });
  return { id: answer.id, createdAt: answer.createdAt.toISOString() };
}
