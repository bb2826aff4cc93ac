// The bare part of `npm run bench -- import`: the same conversation rows written with COPY FROM STDIN
// (pg-copy-streams) straight into PostgreSQL, with no mapping, no idempotence records and no report.
// Three targets: a plain table shaped like `messages` (no indexes: the raw COPY rate); `messages` itself,
// with its indexes and foreign keys, in a transaction rolled back afterwards (what the import's COPY of
// the chat costs at least); and one shaped like `memories` with all its indexes and its generated
// tsvector (what the import-memories job's rows cost the database, whatever the client does).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const escapeCopyText = (value: string) =>
  value.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r");

async function copyRows(client: pg.PoolClient | pg.Client, statement: string, lines: () => Iterable<string>) {
  const started = process.hrtime.bigint();
  const stream = client.query(copyFrom(statement));
  const source = Readable.from(
    (function* () {
      let chunk = "";
      for (const line of lines()) {
        chunk += line;
        if (chunk.length > 64_000) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(source, stream);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function messageLines(texts: { role: string; text: string; at: Date }[]) {
  return function* () {
    for (const [i, t] of texts.entries())
      yield `1\t1\t${t.role}\t${escapeCopyText(t.text)}\t{"source":"legacy","legacyId":${i + 1}}\t${t.at.toISOString()}\n`;
  };
}

function realMessageLines(texts: { role: string; text: string; at: Date }[], userId: number, conversationId: number) {
  return function* () {
    for (const [i, t] of texts.entries())
      yield `${conversationId}\t${userId}\t${t.role}\t${escapeCopyText(t.text)}\t{"source":"legacy","legacyId":${i + 1}}\t${t.at.toISOString()}\tbench\t${i + 1}\t${t.role === "user" || t.role === "assistant" ? "t" : "f"}\n`;
  };
}

const REAL_MESSAGES_COPY =
  "copy messages (conversation_id, user_id, role, content, metadata, created_at, import_source, import_key, memory_pending) from stdin";

function memoryLines(texts: { role: string; text: string; at: Date }[]) {
  return function* () {
    for (const [i, t] of texts.entries())
      yield `1\tmessage\t${escapeCopyText(t.text)}\timport\tbench/${i}\t${i}\t${t.at.toISOString()}\n`;
  };
}

const MESSAGES_COPY =
  "copy bench_copy_messages (conversation_id, user_id, role, content, metadata, created_at) from stdin";
const MEMORIES_COPY =
  "copy bench_copy_memories (user_id, kind, text, source, external_id, content_hash, created_at) from stdin";

export interface CopySeconds {
  /** into a messages-shaped temporary table without indexes */
  messages: number;
  /** into `messages` itself, its indexes and foreign keys, rolled back */
  realMessages: number;
  /** into a memories-shaped temporary table with memories' indexes and tsvector */
  memories: number;
}

interface PGliteLike {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

/**
 * The same two COPYs on PGlite (`COPY … FROM '/dev/blob'`, PGlite's way to feed COPY), timed from the
 * built text to the end of the statement, in temporary tables dropped afterwards.
 */
export async function rawCopySecondsPglite(
  client: PGliteLike,
  texts: { role: string; text: string; at: Date }[],
  userId: number,
): Promise<CopySeconds> {
  await client.exec("create temp table bench_copy_messages (like messages including defaults)");
  await client.exec("create temp table bench_copy_memories (like memories including all)");
  try {
    const time = async (statement: string, lines: () => Iterable<string>) => {
      const started = process.hrtime.bigint();
      const blob = new Blob([[...lines()].join("")]);
      await client.query(statement.replace("from stdin", "from '/dev/blob'"), [], { blob });
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const messages = await time(MESSAGES_COPY, messageLines(texts));
    const memories = await time(MEMORIES_COPY, memoryLines(texts));
    await client.exec("begin");
    try {
      const conversation = (await client.query(
        `insert into conversations (user_id, title) values (${Number(userId)}, 'bench') returning id`,
      )) as { rows: { id: number }[] };
      const realMessages = await time(REAL_MESSAGES_COPY, realMessageLines(texts, userId, conversation.rows[0].id));
      return { messages, realMessages, memories };
    } finally {
      await client.exec("rollback");
    }
  } finally {
    await client.exec("drop table if exists bench_copy_messages; drop table if exists bench_copy_memories");
  }
}

/** Seconds to COPY `texts` into a bare messages-shaped table, into `messages` (rolled back) and into a memories-shaped table. */
export async function rawCopySeconds(
  databaseUrl: string,
  texts: { role: string; text: string; at: Date }[],
  userId: number,
): Promise<CopySeconds> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("create temp table bench_copy_messages (like messages including defaults)");
    await client.query("create temp table bench_copy_memories (like memories including all)");
    const messages = await copyRows(client, MESSAGES_COPY, messageLines(texts));
    const memories = await copyRows(client, MEMORIES_COPY, memoryLines(texts));
    await client.query("begin");
    try {
      // as the import commits each batch without waiting for its WAL flush
      await client.query("set local synchronous_commit = off");
      const conversation = await client.query<{ id: number }>(
        "insert into conversations (user_id, title) values ($1, 'bench') returning id",
        [userId],
      );
      const realMessages = await copyRows(
        client,
        REAL_MESSAGES_COPY,
        realMessageLines(texts, userId, conversation.rows[0].id),
      );
      return { messages, realMessages, memories };
    } finally {
      await client.query("rollback");
    }
  } finally {
    await client.end();
  }
}
