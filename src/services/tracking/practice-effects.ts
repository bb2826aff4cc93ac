// What an attempt and a note do beyond their own row, inside the caller's transaction:
// - logging an attempt on a planned problem ticks that problem's earliest open item of the current plan
//   (and records which attempt did, so deleting the attempt unticks it);
// - an attempt's notes and a problem's note become a memory (kind `note`) whose `source` names where it
//   came from (`attempt:<id>`, `problem:<slug>`), so the mentor finds them and they leave with their origin.
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../config/database.js";
import { memories, planItems, studyPlans } from "../../database/schema.js";
import { contentHash } from "../../memory/memory-manager.js";
import { chunkText } from "../../memory/text-chunks.js";

/** Queues vector embedding of new memories; a queue failure must not fail the write that made them. */
export type EmbedNoteMemories = (userId: number, memoryIds: number[]) => Promise<void>;

export const attemptNoteSource = (attemptId: number) => `attempt:${attemptId}`;
export const problemNoteSource = (slug: string) => `problem:${slug}`;
/** A note memory ranks a little above a chat message: the user wrote it down on purpose. */
const NOTE_IMPORTANCE = 0.6;

/**
 * Ticks the earliest open item for this problem in the user's newest plan. Returns its id, or null when
 * the problem is not planned, every item for it is done, or the attempt predates the plan (a back-dated
 * or synced old solve is not work done for a plan made later).
 */
export async function tickPlannedProblem(
  tx: Queryable,
  userId: number,
  problemId: number,
  attemptId: number,
  at: Date,
  attemptedAt: Date,
): Promise<number | null> {
  const [plan] = await tx
    .select({ id: studyPlans.id, createdAt: studyPlans.createdAt })
    .from(studyPlans)
    .where(eq(studyPlans.userId, userId))
    .orderBy(desc(studyPlans.createdAt), desc(studyPlans.id))
    .limit(1);
  if (!plan || attemptedAt < plan.createdAt) return null;
  const [item] = await tx
    .select({ id: planItems.id })
    .from(planItems)
    .where(
      and(
        eq(planItems.planId, plan.id),
        eq(planItems.userId, userId),
        eq(planItems.problemId, problemId),
        isNull(planItems.doneAt),
      ),
    )
    .orderBy(asc(planItems.week), asc(planItems.id))
    .limit(1);
  if (!item) return null;
  await tx.update(planItems).set({ doneAt: at, doneAttemptId: attemptId }).where(eq(planItems.id, item.id));
  return item.id;
}

/** Unticks the plan items an attempt ticked (the attempt is being deleted). */
export async function untickAttemptItems(tx: Queryable, userId: number, attemptId: number): Promise<number[]> {
  const rows = await tx
    .update(planItems)
    .set({ doneAt: null, doneAttemptId: null })
    .where(and(eq(planItems.userId, userId), eq(planItems.doneAttemptId, attemptId)))
    .returning({ id: planItems.id });
  return rows.map((r) => r.id);
}

export interface NoteMemoryInput {
  userId: number;
  source: string;
  /** what the note is about, so the memory reads on its own: "Two Sum (attempt on 2026-03-01, solved)" */
  subject: string;
  /** the note; empty or null removes the memory */
  body: string | null | undefined;
  createdAt: Date;
}

/**
 * Makes the memory for a note match the note: replaces whatever memory came from the same source
 * (removing it when the note is now empty). Returns the ids of the new rows, to embed after commit.
 */
export async function syncNoteMemory(tx: Queryable, input: NoteMemoryInput): Promise<number[]> {
  await removeNoteMemory(tx, input.userId, input.source);
  const body = input.body?.trim();
  if (!body) return [];
  const rows = chunkText(`Note on ${input.subject}: ${body}`).map((chunk, chunkIndex) => ({
    userId: input.userId,
    kind: "note",
    text: chunk,
    source: input.source,
    externalId: input.source,
    chunkIndex,
    importance: NOTE_IMPORTANCE,
    contentHash: contentHash(chunk),
    createdAt: input.createdAt,
  }));
  // The same text already remembered (say, pasted by hand) is kept once: the unique hash skips it.
  const inserted = await tx
    .insert(memories)
    .values(rows)
    .onConflictDoNothing({ target: [memories.userId, memories.contentHash] })
    .returning({ id: memories.id });
  return inserted.map((r) => r.id);
}

export async function removeNoteMemory(tx: Queryable, userId: number, source: string): Promise<void> {
  await tx.delete(memories).where(and(eq(memories.userId, userId), eq(memories.source, source)));
}

export async function removeNoteMemories(tx: Queryable, userId: number, sources: string[]): Promise<void> {
  if (sources.length === 0) return;
  await tx.delete(memories).where(and(eq(memories.userId, userId), inArray(memories.source, sources)));
}

export function attemptSubject(title: string, attemptedAt: Date, outcome: string): string {
  return `${title} (attempt on ${attemptedAt.toISOString().slice(0, 10)}, ${outcome.replace("_", " ")})`;
}
