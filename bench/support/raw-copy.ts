// The bare part of `npm run bench -- import`: the same conversation rows written with COPY FROM STDIN
// (pg-copy-streams) straight into PostgreSQL, with no mapping, no idempotence records and no report.
// Two targets: a plain table shaped like `messages` (no indexes: the raw COPY rate), and one shaped like
// `memories` with all its indexes and its generated tsvector (what every imported message also costs
// the database, whatever the client does).
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
): Promise<{ messages: number; memories: number }> {
  await client.exec("create temp table bench_copy_messages (like messages including defaults)");
  await client.exec("create temp table bench_copy_memories (like memories including all)");
  try {
    const time = async (statement: string, lines: () => Iterable<string>) => {
      const started = process.hrtime.bigint();
      const blob = new Blob([[...lines()].join("")]);
      await client.query(statement.replace("from stdin", "from '/dev/blob'"), [], { blob });
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    return {
      messages: await time(MESSAGES_COPY, messageLines(texts)),
      memories: await time(MEMORIES_COPY, memoryLines(texts)),
    };
  } finally {
    await client.exec("drop table if exists bench_copy_messages; drop table if exists bench_copy_memories");
  }
}

/** Seconds to COPY `texts` into a bare messages-shaped table and into a memories-shaped one. */
export async function rawCopySeconds(
  databaseUrl: string,
  texts: { role: string; text: string; at: Date }[],
): Promise<{ messages: number; memories: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("create temp table bench_copy_messages (like messages including defaults)");
    await client.query("create temp table bench_copy_memories (like memories including all)");
    const messages = await copyRows(client, MESSAGES_COPY, messageLines(texts));
    const memories = await copyRows(client, MEMORIES_COPY, memoryLines(texts));
    return { messages, memories };
  } finally {
    await client.end();
  }
}
