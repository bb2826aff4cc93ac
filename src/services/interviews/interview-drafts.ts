// The draft of a running interview: the code per language and the written answer, saved as the candidate
// types, so a reload or a closed tab loses nothing. Merged into the row in one statement, so the code and
// the answer autosaving at the same moment do not undo each other.
import { and, eq, sql } from "drizzle-orm";
import type { Clock } from "../../config/clock.js";
import type { Database } from "../../config/database.js";
import { interviewSessions } from "../../database/schema.js";
import { BadRequestError, ConflictError } from "../../errors.js";
import { MAX_CODE_BYTES, MAX_TEXT_CHARS, parseLanguage } from "./interview-limits.js";

/** What the candidate is typing, kept on the server while the session runs. */
export interface InterviewDraft {
  language: string | null;
  code: Record<string, string>;
  answer: string;
  savedAt: string;
}

export interface DraftInput {
  language?: string;
  code?: string;
  answer?: string;
}

/** Validates and merges a draft into an active session the caller has loaded for its owner. */
export async function saveDraft(
  db: Database,
  clock: Clock,
  session: typeof interviewSessions.$inferSelect,
  input: DraftInput,
): Promise<InterviewDraft> {
  if (input.code === undefined && input.answer === undefined)
    throw new BadRequestError("Send the code (with its language) or the answer to save.");
  if (input.code !== undefined && input.language === undefined)
    throw new BadRequestError("Say which language the code is in (language).");
  const language = input.language === undefined ? undefined : parseLanguage(input.language);
  if (input.code !== undefined && Buffer.byteLength(input.code) > MAX_CODE_BYTES)
    throw new BadRequestError(`The code is larger than ${MAX_CODE_BYTES / 1024} KB.`);
  if (input.answer !== undefined && input.answer.length > MAX_TEXT_CHARS)
    throw new BadRequestError(`The answer is longer than ${MAX_TEXT_CHARS} characters.`);
  const savedAt = clock.now().toISOString();
  const current = sql`coalesce(${interviewSessions.draft}, '{"code":{},"answer":"","language":null}'::jsonb)`;
  const patch: Record<string, unknown> = { savedAt };
  if (language) patch.language = language;
  if (input.answer !== undefined) patch.answer = input.answer;
  const code =
    language && input.code !== undefined
      ? sql`jsonb_build_object('code', coalesce(${current}->'code', '{}'::jsonb) || jsonb_build_object(${language}::text, ${input.code}::text))`
      : sql`'{}'::jsonb`;
  const [row] = await db
    .update(interviewSessions)
    .set({ draft: sql`${current} || ${JSON.stringify(patch)}::jsonb || ${code}` })
    .where(
      and(
        eq(interviewSessions.id, session.id),
        eq(interviewSessions.userId, session.userId),
        eq(interviewSessions.status, "active"),
      ),
    )
    .returning({ draft: interviewSessions.draft });
  if (!row) throw new ConflictError(`Interview session ${session.id} is over; its draft can no longer change.`);
  return row.draft as InterviewDraft;
}
