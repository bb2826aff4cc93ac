// maang_agent_memory.db's conversation_history: the mentor's chat, the largest legacy table (hundreds of
// thousands of rows). One conversation per legacy (user, session); each row becomes a message and, for
// user and mentor turns, a memory written without an embedding (the embed-memories job fills it, full
// text finds it at once). Every write is one statement per batch.
import { sql } from "drizzle-orm";
import { queryRows } from "../../../config/database.js";
import { conversations, importRecords } from "../../../database/schema.js";
import { type BulkColumn, bulkInsert } from "../../shared/bulk-insert.js";
import { defineTable, type Mapped, skip } from "../pipeline.js";
import { ImportRun } from "../run.js";
import { imported, type MapContext } from "../types.js";
import { jsonValue, legacyDate, str } from "../values.js";
import { type LegacyMemory, writeMemories } from "../writers.js";

const MESSAGE_COLUMNS: BulkColumn[] = [
  { name: "conversation_id", type: "int4" },
  { name: "user_id", type: "int4" },
  { name: "role", type: "text" },
  { name: "content", type: "text" },
  { name: "metadata", type: "jsonb" },
  { name: "created_at", type: "timestamptz" },
];

interface ChatRow {
  session: string;
  role: string;
  text: string;
  at: Date;
  meta: unknown;
}

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
  if (wanted.size === 0) return;
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

function roleOf(value: unknown): string {
  const role = (str(value as never) ?? "user").toLowerCase();
  if (["user", "assistant", "system", "tool"].includes(role)) return role;
  return role === "human" ? "user" : "assistant";
}

async function writeChat(items: Mapped<ChatRow>[], m: MapContext) {
  const rows = items as (Mapped<ChatRow> & { userId: number })[];
  await conversationsFor(
    m,
    rows.map((p) => ({ userId: p.userId, session: p.item.session, title: p.item.text, at: p.item.at })),
  );
  const conversationOf = (p: (typeof rows)[number]) =>
    m.run.conversations.get(`${p.userId}/${p.item.session}`) as number;
  const inserted = await bulkInsert<{ id: number; legacy_id: string }>(
    m.tx,
    "messages",
    MESSAGE_COLUMNS,
    rows.map((p) => [
      conversationOf(p),
      p.userId,
      p.item.role,
      p.item.text,
      {
        source: "legacy",
        legacyId: Number(p.key),
        ...(p.item.meta && typeof p.item.meta === "object" ? { legacy: p.item.meta } : {}),
      },
      p.item.at,
    ]),
    sql`returning id, metadata->>'legacyId' as legacy_id`,
  );
  const ids = new Map(inserted.map((r) => [String(r.legacy_id), Number(r.id)]));
  const latest = new Map<number, Date>();
  for (const p of rows) {
    const id = conversationOf(p);
    if (!latest.has(id) || (latest.get(id) as Date) < p.item.at) latest.set(id, p.item.at);
  }
  await m.tx.execute(
    sql`update conversations as c set updated_at = greatest(c.updated_at, v.at)
        from (values ${sql.join(
          [...latest].map(([id, at]) => sql`(${id}::int, ${at.toISOString()}::timestamptz)`),
          sql`, `,
        )}) as v(id, at)
        where c.id = v.id`,
  );
  const memories: LegacyMemory[] = rows
    .filter((p) => p.item.role === "user" || p.item.role === "assistant")
    .map((p) => ({
      key: p.key,
      userId: p.userId,
      kind: "message",
      text: `${p.item.role === "user" ? "User" : "Mentor"}: ${p.item.text}`,
      createdAt: p.item.at,
      conversationId: conversationOf(p),
      messageId: ids.get(p.key) ?? null,
    }));
  await writeMemories(m, "conversation_history", memories, false);
  return rows.map((p) => imported(p.key, "messages", ids.get(p.key) ?? null, p.userId));
}

export const conversationHistory = defineTable<undefined, ChatRow>({
  table: "conversation_history",
  target: "conversations + messages + memories",
  owner: { column: "user_id" },
  map({ row }, m) {
    const text = str(row.message);
    if (!text) return skip("empty message");
    return {
      session: str(row.session_id) ?? "default",
      role: roleOf(row.role),
      text,
      at: legacyDate(row.timestamp) ?? m.now,
      meta: jsonValue(row.metadata),
    };
  },
  write: writeChat,
});
