// The memories of imported chat messages, written after the import by the `import-memories` job
// (decision 0015): a memory row costs the database far more than its message (seven B-trees, a tsvector
// and its GIN entry, three foreign keys), so the import only flags its messages (`memory_pending`) and
// this job turns them into memories with set-based statements, a chunk at a time.
import { sql } from "drizzle-orm";
import { type Queryable, queryRows } from "../../config/database.js";
import type { JobQueue } from "../../jobs/queue.js";
import type { ImportReport } from "./types.js";

/** Messages per statement: large enough that a statement's overhead vanishes, small enough to retry cheaply. */
const CHUNK = 20_000;

// The memory store's dedup key in SQL: sha256 of the trimmed, whitespace-collapsed, lower-cased text, as
// `contentHash` (values.ts) computes it in JavaScript — the same for ASCII text and whitespace; PostgreSQL's
// lower() follows the database's locale for other letters.
const HASH = sql`encode(sha256(convert_to(lower(regexp_replace(regexp_replace(t.text, '^\\s+|\\s+$', '', 'g'), '\\s+', ' ', 'g')), 'UTF8')), 'hex')`;

/**
 * Writes the memories of one user's imported messages still flagged `memory_pending`, oldest first,
 * `CHUNK` messages per statement. Each statement clears the flags of its messages and inserts their
 * memories together, so an interrupted job leaves no message half-done, a re-run (or a second job at the
 * same time: it skips the rows the first one holds) never writes a memory twice, and text the user
 * already has (the same hash) is not stored again. Answers the ids of the memories written.
 */
export async function writeImportedMemories(
  db: Queryable,
  userId: number,
  options: { chunk?: number; onChunk?: (ids: number[]) => Promise<void> } = {},
): Promise<number[]> {
  const chunk = options.chunk ?? CHUNK;
  const ids: number[] = [];
  let afterId = 0;
  for (;;) {
    const [row] = await queryRows<{ last: number | null; ids: number[] | null }>(
      db,
      sql`with picked as (
            select id from messages
             where user_id = ${userId} and memory_pending and id > ${afterId}
             order by id limit ${chunk}
               for update skip locked
          ), done as (
            update messages as m set memory_pending = false
              from picked where m.id = picked.id
            returning m.id, m.user_id, m.conversation_id, m.role, m.content, m.created_at, m.import_source, m.import_key
          ), created as (
            insert into memories (user_id, kind, text, source, external_id, conversation_id, message_id,
                                  importance, content_hash, created_at)
            select t.user_id, 'message', t.text, 'import', t.import_source || '/' || t.import_key,
                   t.conversation_id, t.id, 0.5, ${HASH}, t.created_at
              from (select done.*, (case when role = 'user' then 'User: ' else 'Mentor: ' end) || content as text
                      from done) as t
             order by t.id
            on conflict (user_id, content_hash) do nothing
            returning id
          )
          select (select max(id) from done) as last, (select array_agg(id order by id) from created) as ids`,
    );
    const created = (row?.ids ?? []).map(Number);
    ids.push(...created);
    if (created.length > 0) await options.onChunk?.(created);
    if (row?.last === null || row?.last === undefined) return ids;
    afterId = Number(row.last);
  }
}

/** Messages of the user still waiting for their memory (the report and the tests read it). */
export async function pendingImportedMemories(db: Queryable, userId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from messages where user_id = ${userId} and memory_pending`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The `import-memories` job: `{ userId }`. Queues the embedding of each chunk's memories as soon as the
 * chunk is committed, 500 ids per embed-memories job (a failure after a chunk loses no embedding job).
 */
export async function runImportMemoriesJob(db: Queryable, jobs: JobQueue, data: unknown): Promise<number> {
  const { userId } = (data ?? {}) as { userId?: unknown };
  if (typeof userId !== "number" || !Number.isInteger(userId))
    throw new Error(`import-memories: bad job data ${JSON.stringify(data)}`);
  const ids = await writeImportedMemories(db, userId, {
    async onChunk(created) {
      for (let i = 0; i < created.length; i += 500)
        await jobs.enqueue("embed-memories", { userId, ids: created.slice(i, i + 500) });
    },
  });
  return ids.length;
}

/**
 * Queues one `import-memories` job per user whose messages the import flagged. A job covers every
 * flagged message of its user, so a job queued after an interrupted import also finishes the earlier one.
 */
export async function queueImportedMemories(jobs: JobQueue, report: ImportReport): Promise<number> {
  let queued = 0;
  for (const [userId, n] of Object.entries(report.messagesQueuedForMemory)) {
    if (n === 0) continue;
    await jobs.enqueue("import-memories", { userId: Number(userId) });
    queued++;
  }
  return queued;
}
