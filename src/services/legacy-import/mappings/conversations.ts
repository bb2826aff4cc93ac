// maang_agent_memory.db's conversation_history: the mentor's chat, the largest legacy table (hundreds of
// thousands of rows). One conversation per legacy (user, session); each row becomes a message, written
// with COPY (decision 0015). A message carries its legacy key (the unique import key: a second run
// imports nothing, without an import_records row per message), and user and mentor turns are flagged
// for the `import-memories` job, which writes their memories after the import (full text finds them
// then; the embed-memories job adds their vectors).
import { sql } from "drizzle-orm";
import { queryRows } from "../../../config/database.js";
import { canCopy, copyRows } from "../../shared/bulk-copy.js";
import { type BulkColumn, bulkInsert } from "../../shared/bulk-insert.js";
import { defineTable, type Mapped, skip } from "../pipeline.js";
import { ImportRun } from "../run.js";
import { imported, type MapContext } from "../types.js";
import { jsonValue, legacyDate, str } from "../values.js";

const TABLE = "conversation_history";
const UNIQUE_VIOLATION = "23505";

const MESSAGE_COLUMNS: BulkColumn[] = [
  { name: "conversation_id", type: "int4" },
  { name: "user_id", type: "int4" },
  { name: "role", type: "text" },
  { name: "content", type: "text" },
  { name: "metadata", type: "jsonb" },
  { name: "created_at", type: "timestamptz" },
  { name: "import_source", type: "text" },
  { name: "import_key", type: "text" },
  { name: "memory_pending", type: "bool" },
];

const CONVERSATION_COLUMNS: BulkColumn[] = [
  { name: "id", type: "int4" },
  { name: "user_id", type: "int4" },
  { name: "title", type: "text" },
  { name: "created_at", type: "timestamptz" },
  { name: "updated_at", type: "timestamptz" },
];

const SESSION_RECORD_COLUMNS: BulkColumn[] = [
  { name: "source_db", type: "text" },
  { name: "source_table", type: "text" },
  { name: "source_key", type: "text" },
  { name: "target_table", type: "text" },
  { name: "target_id", type: "text" },
  { name: "user_id", type: "int4" },
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
    const existing = await ImportRun.targetOf(m.tx, m.sourceDb, `${TABLE}#session`, [...wanted.keys()]);
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
  await bulkInsert(
    m.tx,
    "conversations",
    CONVERSATION_COLUMNS,
    entries.map(([, s], i) => [ids[i], s.userId, s.title.slice(0, 80), s.at, s.at]),
  );
  for (const [i, [key]] of entries.entries()) cache.set(key, ids[i]);
  await bulkInsert(
    m.tx,
    "import_records",
    SESSION_RECORD_COLUMNS,
    entries.map(([key, s], i) => [m.sourceDb, `${TABLE}#session`, key, "conversations", String(ids[i]), s.userId]),
  );
}

function roleOf(value: unknown): string {
  const role = (str(value as never) ?? "user").toLowerCase();
  if (["user", "assistant", "system", "tool"].includes(role)) return role;
  return role === "human" ? "user" : "assistant";
}

/**
 * Writes a batch of chat rows as messages with one COPY, inside a savepoint: when a row with the same
 * import key is already there (another run of the file at the same time, a key repeated in the file),
 * the unique index refuses the COPY and the batch goes through the insert that skips such rows.
 * Answers the keys written.
 */
async function insertMessages(m: MapContext, rows: unknown[][]): Promise<Set<string>> {
  const keyColumn = MESSAGE_COLUMNS.findIndex((c) => c.name === "import_key");
  const insert = async () => {
    const inserted = await bulkInsert<{ key: string }>(
      m.tx,
      "messages",
      MESSAGE_COLUMNS,
      rows,
      sql`on conflict (import_source, import_key) where import_source is not null do nothing returning import_key as key`,
    );
    return new Set(inserted.map((r) => r.key));
  };
  if (canCopy(m.tx)) {
    await m.tx.execute(sql`savepoint copy_messages`);
    try {
      await copyRows(m.tx, "messages", MESSAGE_COLUMNS, rows);
      await m.tx.execute(sql`release savepoint copy_messages`);
      return new Set(rows.map((r) => r[keyColumn] as string));
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await m.tx.execute(sql`rollback to savepoint copy_messages`);
    }
  }
  return insert();
}

/** messages.import_source of this file's chat rows; import_key is the row's key (decision 0015) */
const importSource = (m: MapContext) => `${m.sourceDb}/${TABLE}`;

async function writeChat(items: Mapped<ChatRow>[], m: MapContext) {
  const rows = items as (Mapped<ChatRow> & { userId: number })[];
  await conversationsFor(
    m,
    rows.map((p) => ({ userId: p.userId, session: p.item.session, title: p.item.text, at: p.item.at })),
  );
  const conversationOf = (p: (typeof rows)[number]) =>
    m.run.conversations.get(`${p.userId}/${p.item.session}`) as number;
  const remembered = (p: (typeof rows)[number]) => p.item.role === "user" || p.item.role === "assistant";
  const written = await insertMessages(
    m,
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
      importSource(m),
      p.key,
      remembered(p),
    ]),
  );
  const latest = new Map<number, Date>();
  for (const p of rows) {
    if (!written.has(p.key)) continue;
    const id = conversationOf(p);
    if (!latest.has(id) || (latest.get(id) as Date) < p.item.at) latest.set(id, p.item.at);
    if (remembered(p))
      m.run.messagesQueuedForMemory.set(p.userId, (m.run.messagesQueuedForMemory.get(p.userId) ?? 0) + 1);
  }
  if (latest.size > 0)
    await m.tx.execute(
      sql`update conversations as c set updated_at = greatest(c.updated_at, v.at)
          from (values ${sql.join(
            [...latest].map(([id, at]) => sql`(${id}::int, ${at.toISOString()}::timestamptz)`),
            sql`, `,
          )}) as v(id, at)
          where c.id = v.id`,
    );
  return rows.map((p) =>
    written.has(p.key)
      ? imported(p.key, "messages", null, p.userId, true)
      : { key: p.key, alreadyImported: true as const },
  );
}

export const conversationHistory = defineTable<undefined, ChatRow>({
  table: TABLE,
  target: "conversations + messages (+ memories, by the import-memories job)",
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
  mapBeforeTransaction: true,
  async importedKeys(db, sourceDb) {
    const rows = await queryRows<{ key: string }>(
      db,
      sql`select import_key as key from messages where import_source = ${`${sourceDb}/${TABLE}`}`,
    );
    return rows.map((r) => r.key);
  },
});
