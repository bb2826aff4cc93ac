// Batched writes shared by the table mappings: attempts (with their review cards) and memories.
import { sql } from "drizzle-orm";
import { type BulkColumn, bulkInsert } from "../shared/bulk-insert.js";
import { imported, type MapContext, type RowOutcome, skipped } from "./types.js";
import { contentHash } from "./values.js";

const ATTEMPT_COLUMNS: BulkColumn[] = [
  { name: "user_id", type: "int4" },
  { name: "problem_id", type: "int4" },
  { name: "outcome", type: "text" },
  { name: "minutes", type: "int4" },
  { name: "language", type: "text" },
  { name: "notes", type: "text" },
  { name: "attempted_at", type: "timestamptz" },
  { name: "source", type: "text" },
  { name: "external_id", type: "text" },
];

export interface LegacyAttempt {
  key: string;
  userId: number;
  problemId: number;
  outcome: "solved" | "failed" | "gave_up";
  attemptedAt: Date;
  minutes: number | null;
  language?: string | null;
  notes: string | null;
}

/** Inserts attempts (source "import", external id = file/table/key, so they are never doubled) and cards. */
export async function writeAttempts(m: MapContext, table: string, rows: LegacyAttempt[]): Promise<RowOutcome[]> {
  if (rows.length === 0) return [];
  const inserted = (
    await bulkInsert<{ id: number; external_id: string }>(
      m.tx,
      "attempts",
      ATTEMPT_COLUMNS,
      rows.map((a) => [
        a.userId,
        a.problemId,
        a.outcome,
        a.minutes !== null && a.minutes >= 0 ? Math.round(a.minutes) : null,
        a.language ?? null,
        a.notes,
        a.attemptedAt,
        "import",
        `${m.sourceDb}/${table}/${a.key}`,
      ]),
      sql`on conflict do nothing returning id, external_id`,
    )
  ).map((r) => ({ id: Number(r.id), externalId: r.external_id }));
  const ids = new Map(inserted.map((r) => [r.externalId, r.id]));
  const outcomes: RowOutcome[] = [];
  const forCards = [];
  for (const a of rows) {
    const id = ids.get(`${m.sourceDb}/${table}/${a.key}`);
    if (!id) {
      outcomes.push(skipped(a.key, "the same attempt was already imported"));
      continue;
    }
    outcomes.push(imported(a.key, "attempts", id, a.userId));
    forCards.push({
      userId: a.userId,
      problemId: a.problemId,
      at: a.attemptedAt,
      solved: a.outcome === "solved",
      attemptId: id,
    });
  }
  await m.run.scheduleCards(m.tx, forCards);
  return outcomes;
}

const MEMORY_COLUMNS: BulkColumn[] = [
  { name: "user_id", type: "int4" },
  { name: "kind", type: "text" },
  { name: "text", type: "text" },
  { name: "source", type: "text" },
  { name: "external_id", type: "text" },
  { name: "conversation_id", type: "int4" },
  { name: "message_id", type: "int4" },
  { name: "importance", type: "float8" },
  { name: "content_hash", type: "text" },
  { name: "created_at", type: "timestamptz" },
];

export interface LegacyMemory {
  key: string;
  userId: number;
  kind: "message" | "note" | "fact" | "answer" | "summary";
  text: string;
  createdAt: Date;
  importance?: number;
  conversationId?: number | null;
  messageId?: number | null;
}

/**
 * Inserts memories without an embedding (the `embed-memories` job computes them). The same text is
 * stored once per user, so a duplicate is reported as skipped.
 */
export async function writeMemories(
  m: MapContext,
  table: string,
  rows: LegacyMemory[],
  targetOnly = true,
): Promise<RowOutcome[]> {
  const usable = rows.filter((r) => r.text.trim().length > 0);
  const inserted = (
    await bulkInsert<{ id: number; user_id: number; external_id: string }>(
      m.tx,
      "memories",
      MEMORY_COLUMNS,
      usable.map((r) => [
        r.userId,
        r.kind,
        r.text.trim(),
        "import",
        `${m.sourceDb}/${table}/${r.key}`,
        r.conversationId ?? null,
        r.messageId ?? null,
        r.importance ?? 0.5,
        contentHash(r.text),
        r.createdAt,
      ]),
      sql`on conflict do nothing returning id, user_id, external_id`,
    )
  ).map((r) => ({ id: Number(r.id), userId: Number(r.user_id), externalId: r.external_id }));
  m.run.memoriesCreated += inserted.length;
  for (const r of inserted) {
    const ids = m.run.memoryIds.get(r.userId) ?? [];
    ids.push(r.id);
    m.run.memoryIds.set(r.userId, ids);
  }
  if (!targetOnly) return [];
  const ids = new Map(inserted.map((r) => [r.externalId, r]));
  return rows.map((r) => {
    const row = ids.get(`${m.sourceDb}/${table}/${r.key}`);
    if (!r.text.trim()) return skipped(r.key, "empty text");
    return row
      ? imported(r.key, "memories", row.id, r.userId)
      : skipped(r.key, "the same text is already in this user's memories");
  });
}
